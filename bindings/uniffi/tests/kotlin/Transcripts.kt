// The Rust scenario tests, replayed through the Kotlin binding (issue 7: the same answers in
// every language). scripts/uniffi-tests splits each core/tests/golden/scenarios/*.jsonl into
// NAME.profile.json and NAME.commands (one command JSON per line); this program executes the
// commands on a ledger under that profile and writes NAME.kotlin.out, one line per command:
//   events<TAB>[event JSON, ...]        or        error<TAB>code<TAB>details JSON
// and scripts/uniffi-tests compares those answers with the transcript (as JSON values).

import java.io.File
import jianyi.*

fun answer(ledger: Ledger, command: String): String =
    try {
        val out = ledger.execute(command)
        "events\t[" + out.eventsJson.joinToString(",") + "]"
    } catch (e: JianyiException) {
        val (code, details) = when (e) {
            is JianyiException.Input -> e.code to e.detailsJson
            is JianyiException.Profile -> e.code to e.detailsJson
            is JianyiException.Calendar -> e.code to e.detailsJson
            is JianyiException.Rejected -> e.code to e.detailsJson
            is JianyiException.Ledger -> e.code to e.detailsJson
            is JianyiException.Internal -> e.code to e.detailsJson
        }
        "error\t$code\t$details"
    }

fun main(args: Array<String>) {
    val dir = File(args[0])
    val names = dir.listFiles { f -> f.name.endsWith(".commands") }!!.map { it.name.removeSuffix(".commands") }.sorted()
    check(names.isNotEmpty()) { "no transcripts in $dir" }
    var commands = 0
    for (name in names) {
        val ledger = Ledger.withProfileJson(File(dir, "$name.profile.json").readText())
        val answers = File(dir, "$name.commands").readLines().map { answer(ledger, it) }
        commands += answers.size
        File(dir, "$name.kotlin.out").writeText(answers.joinToString("\n") + "\n")
    }
    println("Kotlin replayed ${names.size} scenario transcripts, $commands commands")
}
