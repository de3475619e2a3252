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
    // Commands are typed records: the deputy's comment is a field, never spliced into JSON.
    val deputy = ledger.holder(item.id)?.deputies?.firstOrNull() ?: return
    fun feedback(id: String, level: String, comment: String?) = CommandRecord(
        id, today, ActorRecord.Deputy(deputy),
        ActionRecord.GiveFeedback(item.id, level, null, null, comment),
    )
    try {
        ledger.decideCommand(feedback("app-draft-1", "dissatisfied", null))
    } catch (e: JianyiException.Rejected) {
        println("\nDraft refused: ${e.code} — ${e.detail}")
    }
    val outcome = ledger.executeCommand(feedback("app-${item.id}-feedback-1", "satisfied", "答复及时，措施\"具体\"。\n希望继续跟踪落实。"))
    println("\nEvents to send to the server:")
    outcome.eventsJson.forEach { println("  $it") }
    println("\nDeadlines after the rating:")
    ledger.obligations(item.id, today).forEach { println("  ${it.labelZh}: ${it.status}") }
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
    fun run(on: String, actor: ActorRecord, action: ActionRecord) {
        n++
        ledger.executeCommand(CommandRecord("c$n", on, actor, action))
    }
    val office = ActorRecord.DeputyAffairsOffice
    val unit = ActorRecord.Unit("U-EDU")
    run("2022-01-05", office, ActionRecord.RegisterSession("9-1", 9, 1, "2022-02-21", "2022-02-25"))
    run("2022-01-05", office, ActionRecord.RegisterDeputy("D1", "张三", null, false))
    run("2022-01-05", office, ActionRecord.RegisterUnit("U-EDU", "市教育局", SystemRecord.GOVERNMENT, null))
    run("2022-02-23", ActorRecord.Deputy("D1"),
        ActionRecord.SubmitSuggestion("J001", "D1", listOf(), null, "关于增加学位供给的建议", "", null))
    run("2022-03-01", office, ActionRecord.Register("J001", "education_culture_health", null))
    run("2022-03-31", office, ActionRecord.Assign("J001", PlanRecord(HandlingModeRecord.LEAD_WITH_CO, listOf("U-EDU"), listOf())))
    run("2022-04-20", unit, ActionRecord.RecordContact("J001", ContactMethodRecord.MEETING))
    run("2022-04-21", unit, ActionRecord.IssueReply("J001", "resolved", null, true, listOf(), false))
    return ledger
}
