// jianyi from Kotlin (Android or any JVM): load a year's ledger, show one item's timeline and
// deadlines in working days, give the deputy's feedback, print the events to send to the server.
//
// Build and run (what scripts/uniffi-tests does):
//   cargo build -p jianyi-uniffi
//   cargo run -p uniffi-bindgen -- generate --library target/debug/libjianyi_uniffi.so \
//       --language kotlin --no-format --out-dir target/uniffi/kotlin
//   kotlinc target/uniffi/kotlin/jianyi/jianyi_uniffi.kt examples/kotlin/Example.kt -cp jna.jar -d out
//   java -Djna.library.path=target/debug -cp out:kotlin-stdlib.jar:jna.jar ExampleKt [ledger.jsonl]

import jianyi.*
import java.io.File

fun main(args: Array<String>) {
    val file = File(args.getOrElse(0) { "examples/data/sample-city-2022.jsonl" })
    // The library has no clock: "today" is always passed in.
    val (ledger, today) = if (file.exists()) {
        loadUpTo(file, "2022-06-15") to "2022-06-15"
    } else {
        println("No ${file.path}; building a tiny ledger")
        tinyLedger() to "2022-04-21"
    }
    println("${ledger.eventCount()} events, ${ledger.itemIds().size} items, ${ledger.overdue(today).size} obligations overdue on $today")

    // An item awaiting the deputy's rating, with the window still open; else the first one.
    val item = ledger.items().firstOrNull { row ->
        ledger.obligations(row.id, today).any { it.kind == "feedback" && it.status in setOf(ObligationStatus.OPEN, ObligationStatus.DUE_SOON) }
    } ?: ledger.items().first()
    println("\n${item.id} ${item.title} — ${item.status}, held by ${ledger.holder(item.id)?.kind}")

    println("\nTimeline:")
    for (e in ledger.timeline(item.id)) {
        println("  #${e.seq} ${e.date}  ${e.actorRole}${e.actorId?.let { " $it" } ?: ""}  ${e.factType}")
    }

    println("\nDeadlines as of $today:")
    for (o in ledger.obligations(item.id, today)) {
        val left = when (o.status) {
            ObligationStatus.DONE, ObligationStatus.DONE_LATE -> "done ${o.doneOn}"
            ObligationStatus.OVERDUE -> "overdue by ${-o.workingDaysLeft} working days"
            else -> "${o.workingDaysLeft} working days left"
        }
        println("  ${o.labelZh} (${o.partyId ?: "代表工委"}): due ${o.due}, ${o.status}, $left")
    }
    ledger.obligations(item.id, today).lastOrNull()?.let { println("  why: ${it.explanationZh}") }

    // The deputy rates the reply. A draft is checked first, without recording anything.
    val deputy = ledger.holder(item.id)?.deputies?.firstOrNull() ?: return
    fun feedback(id: String, level: String, comment: String?) =
        """{"id":"$id","on":"$today","actor":{"role":"deputy","id":"$deputy"},""" +
            """"action":{"type":"give_feedback","item":"${item.id}","level":"$level"""" +
            (comment?.let { ""","comment":"$it"""" } ?: "") + "}}"
    try {
        ledger.decide(feedback("app-draft-1", "dissatisfied", null))
    } catch (e: JianyiException.Rejected) {
        println("\nDraft refused: ${e.code} — ${e.detail}")
    }
    val outcome = ledger.execute(feedback("app-${item.id}-feedback-1", "satisfied", "答复及时，措施具体"))
    println("\nEvents to send to the server:")
    outcome.eventsJson.forEach { println("  $it") }
}

/** The phone's copy of a year's ledger as of `today`: the header and the events up to that day. */
fun loadUpTo(file: File, today: String): Ledger {
    val lines = file.readLines()
    val date = Regex("\"on\":\"([0-9-]+)\"")
    val events = lines.drop(1).takeWhile { (date.find(it)?.groupValues?.get(1) ?: "") <= today }
    // The header (line 1) names the profile the ledger was decided under.
    val preset = Regex("\"profile\":\\{\"id\":\"([^\"]+)\"").find(lines[0])?.groupValues?.get(1) ?: "seed-city"
    println("Loaded ${file.path} up to $today (profile $preset)")
    return Ledger.fromJsonl((listOf(lines[0]) + events).joinToString("\n", postfix = "\n"), preset)
}

/** A one-item ledger: a deputy's suggestion, assigned, contacted and replied to. */
fun tinyLedger(): Ledger {
    val ledger = Ledger("seed-city")
    var n = 0
    fun run(on: String, actor: String, action: String) {
        n++
        ledger.execute("""{"id":"c$n","on":"$on","actor":$actor,"action":$action}""")
    }
    val office = """{"role":"deputy_affairs_office"}"""
    val unit = """{"role":"unit","id":"U-EDU"}"""
    run("2022-01-05", office, """{"type":"register_session","session":{"id":"9-1","term":9,"number":1,"opens":"2022-02-21","closes":"2022-02-25"}}""")
    run("2022-01-05", office, """{"type":"register_deputy","deputy":{"id":"D1","name":"张三"}}""")
    run("2022-01-05", office, """{"type":"register_unit","unit":{"id":"U-EDU","name":"市教育局","system":"government"}}""")
    run("2022-02-23", """{"role":"deputy","id":"D1"}""", """{"type":"submit_suggestion","item":"J001","lead":"D1","text":{"title":"关于增加学位供给的建议"}}""")
    run("2022-03-01", office, """{"type":"register","item":"J001","topic":"education_culture_health"}""")
    run("2022-03-31", office, """{"type":"assign","item":"J001","plan":{"mode":"lead_with_co","leads":["U-EDU"]}}""")
    run("2022-04-20", unit, """{"type":"record_contact","item":"J001","method":"meeting"}""")
    run("2022-04-21", unit, """{"type":"issue_reply","item":"J001","class":"resolved","signed_by_head":true}""")
    return ledger
}
