package org.jianyi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import jianyi.ActionRecord;
import jianyi.ActorRecord;
import jianyi.CommandRecord;
import jianyi.DayKind;
import jianyi.DeputyPointsRecord;
import jianyi.DirectoryRecord;
import jianyi.Draft;
import jianyi.EvaluationCandidateRecord;
import jianyi.EvaluationFiguresRecord;
import jianyi.HeaderRecord;
import jianyi.HolidayCalendar;
import jianyi.IndexedTextRecord;
import jianyi.Jianyi_uniffiKt;
import jianyi.Ledger;
import jianyi.ObligationRecord;
import jianyi.ProfileChangeRecord;
import jianyi.ReplayOutcome;
import jianyi.Screener;
import jianyi.ScoreLineRecord;
import jianyi.SimilarityIndex;
import jianyi.UnitRecord;
import jianyi.UnitRowRecord;
import org.junit.jupiter.api.Test;

/**
 * The rest of the binding from Java 8 (issue 17): ledger files and their header, the
 * directory, obligations of every party, what-if replays, evaluation and deputies' points,
 * working days, and the screener's actions. Each checks the answer against another way of
 * reaching it, so a wrong conversion fails.
 */
class SurfaceTest {
    private static final String SAMPLE = System.getProperty("jianyi.sample");
    private static final String AS_OF = "2022-12-31";

    private static String sample() throws Exception {
        return new String(Files.readAllBytes(Paths.get(SAMPLE)), StandardCharsets.UTF_8);
    }

    @Test
    void theLedgerFileItsHeaderEventsAndDirectory() throws Exception {
        String text = sample();
        try (Ledger ledger = Ledger.Companion.fromJsonl(text, "seed-city", null)) {
            HeaderRecord header = ledger.header();
            assertEquals("jianyi-ledger", header.getFormat());
            assertEquals(Jianyi_uniffiKt.ledgerFormatVersion(), header.getVersion());
            assertEquals(ledger.profileInfo(), header.getProfile());
            assertEquals("seed-city", header.getProfile().getId());
            assertTrue(ledger.profileJson().contains("\"seed-city\""));

            List<String> events = ledger.eventsJson();
            assertEquals(ledger.eventCount(), (long) events.size());
            assertEquals(text, ledger.toJsonl());
            java.util.regex.Matcher on = java.util.regex.Pattern.compile("\"on\":\"([0-9-]{10})\"")
                    .matcher(events.get(events.size() - 1));
            assertTrue(on.find());
            assertEquals(on.group(1), ledger.lastEventDate());

            DirectoryRecord dir = ledger.directory();
            assertFalse(dir.getUnits().isEmpty());
            assertFalse(dir.getDeputies().isEmpty());
            assertFalse(dir.getSessions().isEmpty());
            for (UnitRecord u : dir.getUnits()) {
                assertTrue(text.contains("\"id\":\"" + u.getId() + "\",\"name\":\"" + u.getName() + "\""), u.getId());
            }

            // The same year, generated again by the core's seeded generator, byte for byte.
            try (Ledger generated = Ledger.Companion.generate(null, 2022L)) {
                assertEquals(text, generated.toJsonl());
            }
            // The same ledger under a profile given as JSON.
            try (Ledger again = Ledger.Companion.fromJsonlWithProfileJson(text, ledger.profileJson(), null)) {
                assertEquals(ledger.eventCount(), again.eventCount());
            }
            // Events received from a server, applied in order to an empty ledger.
            try (Ledger phone = Ledger.Companion.withProfileJson(ledger.profileJson(), null)) {
                String[] lines = text.split("\n");
                List<String> first = Arrays.asList(lines).subList(1, 101);
                assertEquals(100L, phone.applyEvents(first));
                assertEquals(100L, phone.eventCount());
            }
        }
    }

    @Test
    void aBrokenFileKeepsItsGoodLinesAndAnOldOneIsUpcast() throws Exception {
        String text = sample();
        String[] lines = text.split("\n");
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            cut.append(lines[i]).append('\n');
        }
        cut.append("{\"seq\":51,\"broken\n");
        ReplayOutcome out = Jianyi_uniffiKt.replayLedgerJsonl(cut.toString(), null, null, false);
        assertEquals(50L, out.getLedger().eventCount());
        assertNotNull(out.getError());
        assertEquals("ledger.chain_broken", out.getError().getCode()); // the chain notices first
        assertTrue(out.getError().getDetailsJson().contains("\"line\":52"), out.getError().getDetailsJson());
        assertNull(Jianyi_uniffiKt.replayLedgerJsonl(text, "seed-city", null, false).getError());

        String v1 = new String(Files.readAllBytes(Paths.get(SAMPLE).getParent().getParent().getParent()
                .resolve("core/tests/data/ledger-v1.jsonl")), StandardCharsets.UTF_8);
        String v2 = Jianyi_uniffiKt.upcastLedgerV1(v1);
        assertTrue(v2.startsWith("{\"format\":\"jianyi-ledger\",\"version\":2"));
        try (Ledger upcast = Ledger.Companion.fromJsonl(v2, "seed-city", null)) {
            assertEquals(v1.split("\n").length - 1, upcast.eventCount());
        }
    }

    @Test
    void obligationsOfEveryParty() throws Exception {
        try (Ledger ledger = Ledger.Companion.fromJsonl(sample(), "seed-city", null)) {
            String asOf = "2022-06-15";
            List<ObligationRecord> every = ledger.everyObligation(asOf);
            List<ObligationRecord> open = new ArrayList<>();
            open.addAll(ledger.openObligationsOfOffice(asOf));
            for (UnitRecord u : ledger.directory().getUnits()) {
                open.addAll(ledger.openObligationsOfUnit(u.getId(), asOf));
            }
            assertTrue(every.size() > open.size(), every.size() + " " + open.size());
            assertTrue(every.containsAll(ledger.overdue(asOf)));
            assertTrue(every.containsAll(ledger.dueSoon(asOf)));
            String committee = ledger.directory().getCommittees().get(0).getId();
            assertTrue(open.containsAll(ledger.openObligationsOfCommittee(committee, asOf)));
            String deputy = ledger.directory().getDeputies().get(0).getId();
            assertTrue(every.containsAll(ledger.openObligationsOfDeputy(deputy, asOf)));

            List<String> ids = ledger.itemIds();
            assertEquals(ledger.items().size(), ids.size());
            String id = ids.get(0);
            assertTrue(every.containsAll(ledger.obligations(id, asOf)));
            assertTrue(ledger.itemJson(id).contains("\"" + id + "\""));
            assertNotNull(ledger.holder(id));
            assertFalse(ledger.timeline(id).isEmpty());
            assertTrue(ledger.workList(2022).getNewItems().contains(id));
        }
    }

    @Test
    void whatIfEvaluationAndDeputiesPoints() throws Exception {
        try (Ledger ledger = Ledger.Companion.fromJsonl(sample(), "seed-city", null)) {
            try (Ledger same = ledger.under(ledger.profileJson(), null)) {
                assertEquals(ledger.yearFigures(2022, AS_OF), same.yearFigures(2022, AS_OF));
            }
            // The summary's figures as JSON agree with the typed record.
            assertTrue(ledger.annualSummaryJson(2022, AS_OF).contains(
                    "\"suggestions_total\":" + ledger.yearFigures(2022, AS_OF).getSuggestionsTotal()));

            List<EvaluationCandidateRecord> picked = ledger.evaluationCandidates(2022, 7L);
            assertEquals(picked, ledger.evaluationCandidates(2022, 7L));
            for (EvaluationCandidateRecord c : picked) {
                assertFalse(c.getReasons().isEmpty(), c.getItem());
            }
            EvaluationFiguresRecord ev = ledger.evaluationFigures(2022);
            assertTrue(ev.getSelected() <= ev.getRecommended());

            // The unit table: every unit's lead + co, and the units' lead items cover the year.
            List<UnitRowRecord> units = ledger.unitRows(2022, AS_OF);
            assertFalse(units.isEmpty());
            for (UnitRowRecord u : units) {
                assertEquals(u.getTotal(), u.getLead() + u.getCo(), u.getUnit());
            }
            List<String> absent = ledger.sectionsNotInLedger(2022, AS_OF);
            for (String id : absent) {
                assertFalse(ledger.reportTables(2022, AS_OF).stream().anyMatch(t -> t.getId().equals(id)), id);
            }

            List<DeputyPointsRecord> points = ledger.deputyPoints(2022);
            assertFalse(points.isEmpty());
            for (DeputyPointsRecord d : points) {
                long sum = 0;
                for (ScoreLineRecord l : d.getLines()) {
                    sum += l.getPointsMilli();
                }
                assertEquals(d.getTotalMilli(), sum, d.getDeputy());
            }
        }
    }

    @Test
    void workingDaysAndTheLedgersCalendar() throws Exception {
        HolidayCalendar cal = HolidayCalendar.Companion.fromJson(HolidayCalendar.Companion.china().toJson());
        assertFalse(cal.version().isEmpty());
        assertEquals("2022-02-28", cal.addMonths("2022-01-31", 1));
        assertEquals(DayKind.HOLIDAY, cal.dayKind("2022-10-03"));
        assertTrue(cal.isWorkingDay("2022-10-08"));   // a Saturday made a working day (调休)
        assertTrue(cal.firstYear() <= 2022 && 2022 <= cal.lastYear());
        assertEquals(cal.toJson(), cal.withYears(cal.toJson()).toJson());
        assertTrue(cal.withWeekendFallback(true).isWorkingDay("2099-01-05"));
        try (Ledger ledger = Ledger.Companion.fromJsonl(sample(), "seed-city", null)) {
            List<ObligationRecord> before = ledger.everyObligation("2022-06-15");
            ledger.setCalendar(cal);
            ledger.addCalendarYears(cal.toJson());
            assertEquals(before, ledger.everyObligation("2022-06-15"));
            assertEquals(cal.version(), ledger.calendar().version().substring(0, cal.version().length()));
        }
    }

    @Test
    void typedAndJsonCommandsAreDecidedAlike() throws Exception {
        try (Ledger ledger = new Ledger("seed-city", null)) {
            CommandRecord typed = new CommandRecord("c1", "2022-01-05", ActorRecord.DeputyAffairsOffice.INSTANCE,
                    new ActionRecord.RegisterCommittee("C1", "财经委"));
            List<String> facts = ledger.decideCommand(typed);
            assertEquals(facts, ledger.decide(Jianyi_uniffiKt.commandJson(typed)));
            assertEquals(0L, ledger.eventCount());
        }
    }

    @Test
    void profilesScreenersAndSimilarItems() throws Exception {
        List<ProfileChangeRecord> changes = Jianyi_uniffiKt.diffProfiles(
                Jianyi_uniffiKt.presetJson("seed-city"), Jianyi_uniffiKt.presetJson("shanghai"));
        assertTrue(changes.stream().anyMatch(c -> c.getKey().equals("id")));
        assertTrue(Jianyi_uniffiKt.diffProfiles(Jianyi_uniffiKt.presetJson("npc"),
                Jianyi_uniffiKt.presetJson("npc")).isEmpty());

        try (Screener deputy = Screener.Companion.forDeputyWithProfileJson(Jianyi_uniffiKt.presetJson("seed-city"))) {
            assertEquals("agriculture", deputy.classify(
                    new Draft("关于推进高标准农田建设的建议", "农田水利设施老化。", null, 1, false)).getTop().getTopic());
        }
        try (Screener office = Screener.Companion.forPreset("seed-city")) {
            List<ActionRecord> actions = office.routeActions("J2022-900", new Draft(
                    "关于加快推进老旧小区加装电梯的建议", "老旧小区加装电梯需求迫切。", "市住房和城乡建设局", 1, false));
            ActionRecord.PreAssign pre = (ActionRecord.PreAssign) actions.get(0);
            assertEquals("J2022-900", pre.getItem());
            assertEquals("U-ZJJ", pre.getUnits().get(0));
        }
        try (SimilarityIndex idx = SimilarityIndex.Companion.build("seed-city", Arrays.asList(
                new IndexedTextRecord("J1", 2022, "关于老旧小区加装电梯的建议：老旧小区多，老年人上下楼困难，建议补贴加装电梯。"),
                new IndexedTextRecord("J2", 2022, "关于老旧小区加装电梯的建议：老旧小区多，老年人上下楼困难，建议财政补贴加装电梯。"),
                new IndexedTextRecord("J3", 2022, "关于推进农村饮水安全工程的建议：部分村组饮水困难。")))) {
            assertEquals(Collections.singletonList("J2"),
                    Arrays.asList(idx.candidates().stream().filter(c -> c.getA().equals("J1"))
                            .map(c -> c.getB()).toArray(String[]::new)));
        }
    }
}
