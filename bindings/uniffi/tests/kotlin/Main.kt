// Tests of the uniffi-generated Kotlin binding (package `jianyi`) on the JVM, run by
// scripts/uniffi-tests: compiled with the generated jianyi_uniffi.kt, run with
// `java -Djna.library.path=target/debug …` against the debug cdylib built with
// `--features test-panic`. Prints `N passed, N failed`; exits 1 on any failure.

import jianyi.*
import kotlin.system.exitProcess

private var passed = 0
private var failed = 0

private fun test(name: String, body: () -> Unit) {
    try {
        body()
        passed++
        println("ok   $name")
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: $e")
        e.printStackTrace(System.out)
    }
}

private fun expect(cond: Boolean, what: () -> String) {
    if (!cond) throw AssertionError(what())
}

private fun <T> eq(actual: T, expected: T, what: String = "") {
    if (actual != expected) throw AssertionError("$what expected <$expected>, got <$actual>")
}

/** Runs `body`, which must throw `E` with `code`; returns the exception. */
private inline fun <reified E : JianyiException> expectError(code: String, body: () -> Unit): E {
    try {
        body()
    } catch (e: JianyiException) {
        if (e !is E) throw AssertionError("expected ${E::class.simpleName} $code, got $e")
        val (c, detail, details) = when (e) {
            is JianyiException.Input -> Triple(e.code, e.detail, e.detailsJson)
            is JianyiException.Profile -> Triple(e.code, e.detail, e.detailsJson)
            is JianyiException.Calendar -> Triple(e.code, e.detail, e.detailsJson)
            is JianyiException.Rejected -> Triple(e.code, e.detail, e.detailsJson)
            is JianyiException.Ledger -> Triple(e.code, e.detail, e.detailsJson)
            is JianyiException.Internal -> Triple(e.code, e.detail, e.detailsJson)
        }
        eq(c, code, "error code")
        expect(detail.isNotEmpty() && !detail.contains('\n')) { "detail is one line: $detail" }
        expect(details.startsWith("{")) { "details are a JSON object: $details" }
        return e
    }
    throw AssertionError("expected ${E::class.simpleName} $code, nothing was thrown")
}

// ---- JSON building (commands are JSON text; no JSON library needed) ----

private fun q(s: String) = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""

private const val OFFICE = """{"role":"deputy_affairs_office"}"""
private fun unit(id: String) = """{"role":"unit","id":${q(id)}}"""
private fun deputy(id: String) = """{"role":"deputy","id":${q(id)}}"""
private fun leadOnly(u: String) = """{"mode":"lead_with_co","leads":[${q(u)}],"co":[]}"""
private fun ret(item: String) = """{"type":"request_return","item":${q(item)},"reason":"不属于本单位职责"}"""

/** The test city of core/tests/common/mod.rs (Scenario::seed_city), built from JSON commands. */
private class City(preset: String = "seed-city") {
    val ledger = Ledger(preset)
    private var n = 0

    init {
        val on = "2021-01-01"
        for ((id, name) in listOf("C-FIN" to "财经委", "C-SOC" to "社会建设委")) {
            ok(on, OFFICE, """{"type":"register_committee","committee":{"id":${q(id)},"name":${q(name)}}}""")
        }
        ok(on, OFFICE, """{"type":"register_delegation","delegation":{"id":"DL-EAST","name":"东区代表团"}}""")
        for (u in listOf(
            listOf("U-FIN", "市财政局", "government", "C-FIN"),
            listOf("U-EDU", "市教育局", "government", "C-SOC"),
            listOf("U-HOUSE", "市住建局", "government", "C-SOC"),
            listOf("U-AGRI", "市农业农村局", "government", "C-FIN"),
            listOf("U-YOUTH", "团市委", "party_mass", "C-SOC"),
            listOf("U-COURT", "市中级人民法院", "court", "C-SOC"),
            listOf("U-PROC", "市检察院", "procuratorate", "C-SOC"),
        )) {
            ok(on, OFFICE, """{"type":"register_unit","unit":{"id":${q(u[0])},"name":${q(u[1])},"system":${q(u[2])},"liaison_committee":${q(u[3])}}}""")
        }
        for (i in 1..12) {
            val id = "D%02d".format(i)
            ok(on, OFFICE, """{"type":"register_deputy","deputy":{"id":${q(id)},"name":"代表$i","delegation":"DL-EAST","office_holder":${i == 1}}}""")
        }
        ok(on, OFFICE, """{"type":"register_session","session":{"id":"8-5","term":8,"number":5,"opens":"2021-01-10","closes":"2021-01-14"}}""")
        ok(on, OFFICE, """{"type":"register_session","session":{"id":"9-1","term":9,"number":1,"opens":"2022-02-21","closes":"2022-02-25"}}""")
    }

    fun command(on: String, actor: String, action: String): String {
        n++
        return """{"id":"c%05d","on":${q(on)},"actor":$actor,"action":$action}""".format(n)
    }

    fun ok(on: String, actor: String, action: String): ExecuteOutcome = ledger.execute(command(on, actor, action))

    fun refused(on: String, actor: String, action: String, code: String): JianyiException.Rejected {
        val before = ledger.toJsonl()
        val e = expectError<JianyiException.Rejected>(code) { ledger.execute(command(on, actor, action)) }
        eq(ledger.toJsonl(), before, "a refused command changed the ledger:")
        return e
    }

    fun assigned(item: String, lead: String, u: String) {
        ok("2022-02-23", deputy(lead), """{"type":"submit_suggestion","item":${q(item)},"lead":${q(lead)},"cosigners":[],"text":{"title":"关于${item}的建议","body":"问题：……分析：……建议：……"}}""")
        ok("2022-03-01", OFFICE, """{"type":"register","item":${q(item)},"topic":"social"}""")
        ok("2022-03-31", OFFICE, """{"type":"assign","item":${q(item)},"plan":${leadOnly(u)}}""")
    }
}

private val OPEN = setOf(ObligationStatus.OPEN, ObligationStatus.DUE_SOON, ObligationStatus.OVERDUE)

fun main() {
    // The Rust scenario `a_return_inside_its_window_is_reassigned_and_one_outside_is_refused`
    // (core/tests/scenarios.rs), step for step, with the same answers.
    test("return window scenario: accepted on 12 Apr 2022") {
        val s = City()
        s.assigned("J001", "D02", "U-FIN")
        s.assigned("J002", "D03", "U-FIN")
        // 7 working days from 31 Mar 2022: 2 Apr is a 调休 working Saturday, 3–5 Apr are 清明.
        val out = s.ok("2022-04-12", unit("U-FIN"), ret("J001"))
        eq(out.duplicate, false)
        eq(out.eventsJson.size, 1)
        expect(out.eventsJson[0].contains("\"type\":\"return_requested\"")) { out.eventsJson[0] }
    }

    test("return window scenario: refusals, holder, reassignment and the new reply clock") {
        val s = City()
        s.assigned("J001", "D02", "U-FIN")
        s.assigned("J002", "D03", "U-FIN")
        s.ok("2022-04-12", unit("U-FIN"), ret("J001"))
        val closed = s.refused("2022-04-13", unit("U-FIN"), ret("J002"), "assign.return_window_closed")
        expect(closed.detailsJson.contains("\"closed_on\":\"2022-04-12\"")) { closed.detailsJson }
        s.refused("2022-04-12", unit("U-EDU"), ret("J002"), "permission.unit_not_assigned")
        s.refused("2022-04-12", unit("U-FIN"), ret("J001"), "assign.return_pending")
        // The unit keeps the item until the office approves.
        eq(s.ledger.holder("J001"), Holder(HolderKind.UNITS, listOf("U-FIN"), listOf()), "holder")
        s.ok("2022-04-13", OFFICE, """{"type":"decide_return","item":"J001","unit":"U-FIN","approved":true}""")
        eq(s.ledger.holder("J001")?.kind, HolderKind.OFFICE, "holder after approval")
        val obligations = s.ledger.obligations("J001", "2022-04-14")
        expect(obligations.any { it.kind == "reassignment" && it.status in OPEN }) { obligations.toString() }
        s.ok("2022-04-15", OFFICE, """{"type":"reassign","item":"J001","plan":${leadOnly("U-HOUSE")}}""")
        val item = s.ledger.itemJson("J001") ?: throw AssertionError("no J001")
        eq(Regex("\"reassignment\":true").findAll(item).count(), 1, "one reassignment in the history")
        eq(Regex("\"reassignment\":false").findAll(item).count(), 1, "the first assignment kept")
        // The reply clock restarts at reassignment: 15 Apr + 3 months = 15 Jul.
        val reply = s.ledger.obligations("J001", "2022-04-15").filter { it.kind == "reply" && it.status in OPEN }
        eq(reply.size, 1, "open replies")
        eq(reply[0].partyKind, PartyKind.UNIT)
        eq(reply[0].partyId, "U-HOUSE")
        eq(reply[0].due, "2022-07-15", "reply due")
        expect(reply[0].explanationZh.contains("2022年7月15日")) { reply[0].explanationZh }
        s.refused("2022-04-16", unit("U-FIN"), """{"type":"record_contact","item":"J001","method":"phone"}""",
            "permission.unit_not_assigned")
        eq(s.ledger.timeline("J001").map { it.factType },
            listOf("suggestion_submitted", "registered", "assigned", "return_requested", "return_decided", "assigned"))
    }

    test("the calendar behind the window: 调休 counted, 清明 skipped") {
        val cal = HolidayCalendar.china()
        eq(cal.addWorkingDays("2022-03-31", 7), "2022-04-12")
        eq(cal.dayKind("2022-04-02"), DayKind.ADJUSTED_WORKDAY)
        val d = cal.dueDate("2022-03-31", 7, WindowUnit.WORKING_DAYS, true)
        eq(d.due, "2022-04-12")
        eq(d.adjustedWorkdaysCounted, listOf("2022-04-02"))
        eq(d.holidaysSkipped, listOf("2022-04-03", "2022-04-04", "2022-04-05"))
        eq(cal.workingDaysBetween("2022-03-31", "2022-04-12"), 7L)
        // Counts are signed (callable from Java); a negative one is bad input, not a crash.
        expectError<JianyiException.Input>("input.malformed") { cal.addWorkingDays("2022-03-31", -1) }
        expectError<JianyiException.Input>("input.malformed") { cal.dueDate("2022-03-31", -7, WindowUnit.WORKING_DAYS, true) }
    }

    test("worklists, working days left and the year in figures") {
        val s = City()
        s.assigned("J001", "D02", "U-FIN")
        s.assigned("J002", "D03", "U-EDU")
        val fin = s.ledger.openObligationsOfUnit("U-FIN", "2022-04-01")
        eq(fin.map { it.item }.toSet(), setOf("J001"))
        val reply = fin.first { it.kind == "reply" }
        eq(reply.due, "2022-06-30")
        expect(reply.workingDaysLeft > 0 && reply.status == ObligationStatus.OPEN) { reply.toString() }
        eq(s.ledger.openObligationsOfDeputy("D03", "2022-04-01").map { it.item }.toSet(), setOf("J002"))
        eq(s.ledger.overdue("2022-08-01").map { it.item }.toSet(), setOf("J001", "J002"))
        eq(s.ledger.workList(2022), WorkList(2022, listOf("J001", "J002"), listOf()))
        expect(s.ledger.yearFiguresJson(2022, "2022-08-01").contains("\"suggestions_total\":2")) { "figures" }
    }

    test("JSON Lines round trip, decide, retry, events from the server") {
        val s = City()
        s.assigned("J001", "D02", "U-FIN")
        val text = s.ledger.toJsonl()
        val phone = Ledger.fromJsonl(text, "seed-city")
        eq(phone.toJsonl(), text)
        val contact = s.command("2022-04-01", unit("U-FIN"), """{"type":"record_contact","item":"J001","method":"meeting"}""")
        eq(s.ledger.decide(contact).size, 1)
        val first = s.ledger.execute(contact)
        val retry = s.ledger.execute(contact)
        expect(retry.duplicate && retry.eventsJson == first.eventsJson) { "retry is a duplicate" }
        eq(phone.applyEvents(first.eventsJson), 1L)
        eq(phone.toJsonl(), s.ledger.toJsonl())
    }

    test("A server's own store: prepare, append the chained lines, apply them") {
        val s = City()
        s.assigned("J001", "D02", "U-FIN")
        val head = s.ledger.chainHead()
        val contact = s.command("2022-04-01", unit("U-FIN"), """{"type":"record_contact","item":"J001","method":"meeting"}""")
        val before = s.ledger.eventCount()
        val prepared = s.ledger.prepare(contact)
        expect(!prepared.duplicate && prepared.lines.size == 1) { prepared.toString() }
        expect(prepared.lines[0].startsWith("{\"prev\":\"$head\",")) { prepared.lines[0] }
        eq(s.ledger.eventCount(), before)
        eq(s.ledger.applyEvents(prepared.lines), 1L)
        eq(s.ledger.chainHead(), prepared.head)
        val retry = s.ledger.prepare(contact)
        expect(retry.duplicate && retry.lines.isEmpty() && retry.eventsJson == prepared.eventsJson) { "retry" }
        expect(generatedCommandsJson(6L, 1L).size > 30) { "generated commands" }
    }

    // Every error family with its code.
    test("Input errors") {
        val s = City()
        expectError<JianyiException.Input>("input.malformed") { s.ledger.execute("{\"id\":") }
        val e = expectError<JianyiException.Input>("input.malformed") { s.ledger.obligations("J001", "2022-13-01") }
        expect(e.detail.contains("as_of")) { e.detail }
        expectError<JianyiException.Input>("input.invalid_id") { s.ledger.timeline("J 001") }
    }

    test("Profile errors") {
        expectError<JianyiException.Profile>("profile.unknown_preset") { Ledger("atlantis") }
        expectError<JianyiException.Profile>("profile.parse") { validateProfileJson("{") }
        eq(validateProfileJson(presetJson("chongqing")).id, "chongqing")
        eq(presetNames(), listOf("seed-city", "shanghai", "chongqing", "npc"))
    }

    test("Calendar errors") {
        val cal = HolidayCalendar.china()
        expectError<JianyiException.Calendar>("calendar.out_of_range") { cal.dayKind("2003-12-31") }
        expectError<JianyiException.Calendar>("calendar.invalid_data") { HolidayCalendar.fromJson("{\"format\":\"x\"}") }
    }

    test("Rejected errors") {
        val s = City()
        val e = expectError<JianyiException.Rejected>("permission.role_not_allowed") {
            s.ledger.execute(s.command("2022-01-05", deputy("D01"), """{"type":"register_committee","committee":{"id":"C-X","name":"x"}}"""))
        }
        expect(e.detailsJson.contains("\"role\":\"deputy\"")) { e.detailsJson }
    }

    test("Ledger errors") {
        expectError<JianyiException.Ledger>("ledger.missing_header") { Ledger.fromJsonl("garbage\n", "seed-city") }
        val text = City().ledger.toJsonl()
        expectError<JianyiException.Ledger>("ledger.profile_mismatch") { Ledger.fromJsonl(text, "shanghai") }
    }

    test("Internal error family") {
        expectError<JianyiException.Internal>("internal.serialization") { debugInternalError() }
    }

    test("a panic inside Rust is a caught InternalException") {
        try {
            debugPanic()
            throw AssertionError("no exception")
        } catch (e: InternalException) {
            expect(e.message?.contains("debug_panic") == true) { "message: ${e.message}" }
        }
        // The library keeps working after the panic.
        eq(HolidayCalendar.china().addWorkingDays("2022-03-31", 7), "2022-04-12")
    }

    // Intake (issues 17, 21): the deputy's checks offline, the secretariat's routing with
    // reasons; a deputy's text is a record field, never spliced into JSON.
    test("a deputy's draft: classified, checked and screened offline") {
        val deputy = Screener.forDeputy("seed-city")
        val draft = Draft("关于推进\"高标准农田\"建设的建议", "农田水利设施老化，灌溉困难。建议加大投入。")
        val c = deputy.classify(draft)
        eq(c.top.topic, "agriculture")
        expect(c.top.terms.any { it.term == "高标准农田" && it.inTitle == 1L }) { c.top.toString() }
        val report = deputy.checkDraft(Draft("关于某事的建议", "请研究。"))
        expect(report.score < 100 && report.fixes.isNotEmpty()) { report.toString() }
        expect(report.fixes.all { it.code.isNotEmpty() && it.zh.isNotEmpty() }) { report.toString() }
        val flags = deputy.exclusions(Draft("关于解决我儿子工作调动的建议", "请帮助解决我儿子的个人工作调动问题。"))
        expect(flags.any { it.reason == "personal_matter" && it.evidence.isNotEmpty() }) { flags.toString() }
        val motion = deputy.qualifyMotion(Draft("关于制定某条例的议案", "请审议。", null, 1, false))
        eq(motion.verdict, "should_convert")
        expect(motion.reasons.isNotEmpty()) { motion.toString() }
        val none = deputy.route(draft)
        eq(none.difficulty, "no_candidate")
        eq(deputy.units(), listOf())
        expectError<JianyiException.Input>("input.malformed") { deputy.classify(Draft("t", "b", null, -1, false)) }
        expectError<JianyiException.Profile>("profile.unknown_preset") { Screener.forDeputy("atlantis") }
    }

    test("routing with reasons, by preset and by a ledger's directory") {
        val office = Screener.forPreset("seed-city")
        val r = office.route(Draft("关于加快推进老旧小区加装电梯的建议", "老旧小区加装电梯需求迫切。", "市住房和城乡建设局", 1, false))
        eq(r.lead?.unit, "U-ZJJ")
        val codes = r.lead?.reasons?.map { it.code } ?: listOf()
        expect("unit.proposed" in codes && "unit.keywords" in codes) { codes.toString() }
        eq(r.difficulty, null)
        eq(unitKind("某县公安局交通警察大队"), "traffic_police")
        eq(unitKind("某某有限公司"), null)
        val s = City()
        s.assigned("J001", "D02", "U-FIN")
        val local = Screener.forLedger(s.ledger)
        expect(local.units().any { it.id == "U-FIN" }) { local.units().toString() }
        // Earlier records kept outside the ledger teach a new screener; the first is unchanged.
        val before = local.historyTerms()
        val past = (1..4).map { PastItemRecord("关于改造某村小学校舍的建议（$it）", "", listOf("U-EDU")) } +
            PastItemRecord("关于改造某村小学校舍的建议", "", listOf("NO-SUCH-UNIT"))
        val learnt = local.learningFrom(past)
        expect(learnt.historyTerms() > before) { "${learnt.historyTerms()} terms after, $before before" }
        eq(local.historyTerms(), before)
        val lead = learnt.route(Draft("关于改造某村小学校舍的建议", "", null, 1, false)).lead
        val history = lead?.reasons?.filter { it.code == "unit.history" }?.map { it.en } ?: listOf()
        expect(lead?.unit == "U-EDU" && history.any { it.contains("4 of 4 earlier items") }) { "$lead" }
    }

    test("the year's reports as records: summary, tables, assessment, excellence, audit") {
        val s = City()
        s.assigned("J001", "D02", "U-FIN")
        s.assigned("J002", "D03", "U-EDU")
        val zh = s.ledger.summaryText(2022, "2022-12-31", "zh", "text")
        expect(zh.contains("建议")) { zh }
        expectError<JianyiException.Input>("input.malformed") { s.ledger.summaryText(2022, "2022-12-31", "zh", "pdf") }
        // The Word document: a zip with the document part and one PNG per chart.
        val docx = s.ledger.summaryDocx(2022, "2022-12-31", "zh")
        eq(docx.copyOfRange(0, 4).toList(), listOf<Byte>(0x50, 0x4b, 0x03, 0x04))
        val parts = java.util.zip.ZipInputStream(docx.inputStream()).use { z ->
            generateSequence { z.nextEntry }.map { e -> e.name to z.readBytes() }.toList()
        }
        val xml = String(parts.first { it.first == "word/document.xml" }.second, Charsets.UTF_8)
        expect(xml.contains("某市2022年人大代表建议办理工作总结") && xml.contains("<w:tbl>")) { xml.take(400) }
        val charts = Regex("<svg [^>]*id=\"chart-").findAll(s.ledger.summaryText(2022, "2022-12-31", "zh", "html")).count()
        eq(parts.count { it.first.startsWith("word/media/") && it.second.getOrNull(0) == 0x89.toByte() }, charts)
        expectError<JianyiException.Input>("input.malformed") { s.ledger.summaryDocx(2022, "2022-12-31", "fr") }
        val tables = s.ledger.reportTables(2022, "2022-12-31")
        expect(tables.isNotEmpty() && tables.all { t -> t.rows.sumOf { it.count } <= t.denominator || t.denominator == 0L }) { tables.toString() }
        expect(s.ledger.unitAssessment(2022, "2022-12-31").any { it.unit == "U-FIN" }) { "U-FIN assessed" }
        eq(s.ledger.excellence(2022).suggestions.rows.size.toLong() >= 0L, true)
        val audit = auditReportText("100件建议中，解决采纳的60件，占60%；正在解决的30件，占35%；留作参考的10件，占10%。")
        expect(audit[0].figures.any { !it.reproducible && it.nearest == "30.0" }) { audit.toString() }
    }

    test("typed commands: no JSON written by hand, the same events as the JSON path") {
        val s = City()
        val title = "关于\"一老一小\"服务的建议"
        val submit = CommandRecord("typed-1", "2022-02-23", ActorRecord.Deputy("D02"),
            ActionRecord.SubmitSuggestion("J100", "D02", listOf("D03"), null, title, "问题：……\n建议：……", null))
        val json = commandJson(submit)
        expect(json.contains("\\\"一老一小\\\"")) { json }
        eq(s.ledger.decideCommand(submit), s.ledger.decide(json))
        val out = s.ledger.executeCommand(submit)
        eq(out.eventsJson.size, 1)
        eq(s.ledger.items().first { it.id == "J100" }.title, title)
        eq(s.ledger.executeCommand(submit).duplicate, true, "a retry is a duplicate")
        s.ledger.executeCommand(CommandRecord("typed-2", "2022-03-01", ActorRecord.DeputyAffairsOffice,
            ActionRecord.Register("J100", "social", null)))
        s.ledger.executeCommand(CommandRecord("typed-3", "2022-03-31", ActorRecord.DeputyAffairsOffice,
            ActionRecord.Assign("J100", PlanRecord(HandlingModeRecord.LEAD_WITH_CO, listOf("U-FIN"), listOf()))))
        eq(s.ledger.holder("J100")?.units, listOf("U-FIN"))
        s.ledger.executeCommand(CommandRecord("typed-4", "2022-04-01", ActorRecord.Unit("U-FIN"),
            ActionRecord.RecordContact("J100", ContactMethodRecord.PHONE)))
        val refused = expectError<JianyiException.Rejected>("permission.unit_not_assigned") {
            s.ledger.executeCommand(CommandRecord("typed-5", "2022-04-02", ActorRecord.Unit("U-EDU"),
                ActionRecord.RecordContact("J100", ContactMethodRecord.VISIT)))
        }
        expect(refused.detail.isNotEmpty()) { "detail" }
        expectError<JianyiException.Input>("input.invalid_id") {
            s.ledger.executeCommand(CommandRecord("typed 6", "2022-04-02", ActorRecord.Presidium, ActionRecord.LapseFeedback("J100")))
        }
        expectError<JianyiException.Input>("input.malformed") {
            s.ledger.executeCommand(CommandRecord("typed-7", "2022-04-31", ActorRecord.Presidium, ActionRecord.LapseFeedback("J100")))
        }
        expectError<JianyiException.Input>("input.malformed") {
            commandJson(CommandRecord("typed-8", "2022-04-02", ActorRecord.DeputyAffairsOffice,
                ActionRecord.FulfilCommitment("J100", -1)))
        }
    }

    test("an item and the year's figures as records") {
        val s = City()
        s.assigned("J001", "D02", "U-FIN")
        val item = s.ledger.item("J001") ?: throw AssertionError("no J001")
        eq(item.lead, "D02")
        eq(item.assignments.map { it.leads }, listOf(listOf("U-FIN")))
        eq(item.status, ItemStatus.HANDLING)
        eq(s.ledger.item("J404"), null)
        val f = s.ledger.yearFigures(2022, "2022-12-31")
        eq(f.suggestionsTotal, 1L)
        eq(f.replied, 0L)
    }

    test("similar items, offline") {
        val idx = SimilarityIndex.build("seed-city", listOf(
            IndexedTextRecord("J2021-001", 2021, "关于加快老旧小区加装电梯的建议：老旧小区多，老年人上下楼困难，建议财政补贴加装电梯。"),
            IndexedTextRecord("J2022-002", 2022, "关于推进农村饮水安全工程的建议：部分村组饮水困难。"),
        ))
        eq(idx.len(), 2L)
        eq(idx.isEmpty(), false)
        val found = idx.similarTo("J2022-009", 2022, "关于老旧小区加装电梯的建议：老旧小区多，老年人上下楼困难，建议补贴加装电梯。")
        expect(found.any { it.b == "J2021-001" && it.kind == "earlier_year" && it.scorePpm > 0 }) { found.toString() }
    }

    test("the ledger's directory and header, what-if, evaluation and deputies' points as records") {
        val s = City()
        val dir = s.ledger.directory()
        expect(dir.units.any { it.id == "U-FIN" && it.system == SystemRecord.GOVERNMENT }) { dir.units.toString() }
        eq(s.ledger.header().profile, s.ledger.profileInfo())
        eq(s.ledger.eventsJson().size.toLong(), s.ledger.eventCount())
        val what = s.ledger.under(s.ledger.profileJson())
        eq(what.yearFigures(2022, "2022-12-31"), s.ledger.yearFigures(2022, "2022-12-31"))
        eq(s.ledger.evaluationCandidates(2022, 1L), s.ledger.evaluationCandidates(2022, 1L))
        eq(s.ledger.evaluationFigures(2022).selected, 0L)
        expect(s.ledger.deputyPoints(2022).all { d -> d.totalMilli == d.lines.sumOf { it.pointsMilli } }) { "points add up" }
        val cut = s.ledger.toJsonl().lines().take(3).joinToString("\n") + "\n{\"seq\":3,\"bad\n"
        val replay = replayLedgerJsonl(cut)
        eq(replay.ledger.eventCount(), 2L)
        eq(replay.error?.code, "ledger.chain_broken")
        eq(diffProfiles(presetJson("npc"), presetJson("npc")).size, 0)
        expect(s.ledger.unitRows(2022, "2022-12-31").all { it.total == it.lead + it.co }) { "lead + co" }
        expect(s.ledger.sectionsNotInLedger(2022, "2022-12-31").contains("third_party")) { "no evaluation facts in this city" }
    }

    test("a ledger reopened from a snapshot, and a batch applied all or nothing") {
        val full = Ledger.generate(null, 2022L)
        val text = full.toJsonl()
        val lines = text.lines().filter { it.isNotEmpty() }
        val early = Ledger.fromJsonl(lines.take(3000).joinToString("\n") + "\n", "seed-city")
        val snap = early.stateSnapshot()
        val out = reopenLedger(text, snap)
        eq(out.refusal, null)
        eq(out.ledger.holdsLog(), false)
        eq(full.holdsLog(), true)
        eq(out.ledger.eventCount(), full.eventCount())
        eq(out.ledger.yearFigures(2022, "2022-12-31"), full.yearFigures(2022, "2022-12-31"))
        // The snapshot is bytes (a ByteArray): compared by content.
        expect(out.ledger.stateSnapshot().contentEquals(full.stateSnapshot())) { "same state" }
        expectError<JianyiException.Ledger>("ledger.log_not_held") { out.ledger.toJsonl() }
        val damaged = snap.copyOf().also { it[it.size - 1] = (it[it.size - 1].toInt() xor 1).toByte() }
        eq(reopenLedger(text, damaged).refusal?.code, "snapshot.corrupt")
        // Lines appended after reopening: a batch with a bad last line changes nothing.
        val host = reopenLedger(lines.take(3000).joinToString("\n") + "\n", snap).ledger
        val rest = lines.drop(3000)
        val broken = rest.take(10).toMutableList()
        broken[9] = broken[9].replaceFirst("\"seq\":", "\"seq\":9")
        expectError<JianyiException.Ledger>("ledger.out_of_order") { host.applyEvents(broken) }
        eq(host.eventCount(), 2999L)
        eq(host.applyEvents(rest), rest.size.toLong())
        expect(host.stateSnapshot().contentEquals(full.stateSnapshot())) { "same state after the batch" }
        // The file read keeping the state only: the same state, no events held.
        val state = loadLedgerStateOnly(text)
        eq(state.holdsLog(), false)
        eq(state.eventCount(), full.eventCount())
        expect(state.stateSnapshot().contentEquals(full.stateSnapshot())) { "state-only read: same state" }
        expectError<JianyiException.Ledger>("ledger.log_not_held") { state.toJsonl() }
        val badLine = lines.take(100).toMutableList().also { it[50] = it[50].replaceFirst("\"seq\":", "\"seq\":9") }
        expectError<JianyiException.Ledger>("ledger.out_of_order") { loadLedgerStateOnly(badLine.joinToString("\n") + "\n") }
    }

    test("routing answered as typed actions") {
        val office = Screener.forPreset("seed-city")
        val actions = office.routeActions("J2022-900", Draft("关于加快推进老旧小区加装电梯的建议", "老旧小区加装电梯需求迫切。", "市住房和城乡建设局", 1, false))
        val pre = actions.single() as ActionRecord.PreAssign
        eq(pre.units.first(), "U-ZJJ")
        expectError<JianyiException.Input>("input.invalid_id") { office.routeActions("J 1", Draft("t", "b", null, 1, false)) }
    }

    println("$passed passed, $failed failed")
    if (failed > 0 || passed == 0) exitProcess(1)
}
