// The language-neutral bad-input corpus (tests/bad-inputs/cases.jsonl, issue 9) through the
// Kotlin binding. scripts/uniffi-tests splits the corpus into NNN.kind and NNN.input files
// (plus base-ledger.jsonl); this program runs each case and writes NNN.kotlin.out: the error
// code, or "accepted"; for a command it also checks the base ledger did not change.

import java.io.File
import jianyi.*

fun code(e: JianyiException): String = when (e) {
    is JianyiException.Input -> e.code
    is JianyiException.Profile -> e.code
    is JianyiException.Calendar -> e.code
    is JianyiException.Rejected -> e.code
    is JianyiException.Ledger -> e.code
    is JianyiException.Internal -> e.code
}

fun main(args: Array<String>) {
    val dir = File(args[0])
    val base = Ledger.fromJsonl(File(dir, "base-ledger.jsonl").readText(), "seed-city")
    val before = base.toJsonl()
    val names = dir.listFiles { f -> f.name.endsWith(".kind") }!!.map { it.name.removeSuffix(".kind") }.sorted()
    check(names.size >= 80) { "only ${names.size} cases in $dir" }
    for (name in names) {
        val kind = File(dir, "$name.kind").readText().trim()
        val input = File(dir, "$name.input").readText()
        val answer = try {
            when (kind) {
                "ledger" -> Ledger.fromJsonl(input, "seed-city")
                "profile" -> validateProfileJson(input)
                "command" -> base.execute(input)
                else -> error("unknown kind $kind")
            }
            "accepted"
        } catch (e: JianyiException) {
            code(e)
        }
        check(base.toJsonl() == before) { "$name: a refused command changed the ledger" }
        File(dir, "$name.kotlin.out").writeText(answer + "\n")
    }
    println("Kotlin ran ${names.size} bad inputs")
}
