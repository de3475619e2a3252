package org.jianyi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import jianyi.ActionRecord;
import jianyi.ActorRecord;
import jianyi.ClassificationRecord;
import jianyi.CommandRecord;
import jianyi.ExecuteOutcome;
import jianyi.HandlingModeRecord;
import jianyi.ItemRecord;
import jianyi.ShareRecord;
import jianyi.YearFiguresRecord;
import jianyi.PlanRecord;
import jianyi.SystemRecord;
import jianyi.CountTableRecord;
import jianyi.ExcellenceRecord;
import jianyi.FigureFindingRecord;
import jianyi.TableAuditRecord;
import jianyi.UnitAssessmentRecord;
import jianyi.Draft;
import jianyi.DraftReportRecord;
import jianyi.ExclusionFlagRecord;
import jianyi.HolidayCalendar;
import jianyi.IndexedTextRecord;
import jianyi.MergeCandidateRecord;
import jianyi.RoutingRecord;
import jianyi.PastItemRecord;
import jianyi.Screener;
import jianyi.SimilarityIndex;
import jianyi.Jianyi_uniffiKt;
import jianyi.JianyiException;
import jianyi.Ledger;
import jianyi.ObligationRecord;
import jianyi.PreparedAppend;
import jianyi.ReopenOutcome;
import jianyi.ProfileInfo;
import jianyi.WindowUnit;
import org.junit.jupiter.api.Test;

/**
 * The jar as a Java 8 vendor gets it (issue 17): every class is Java 8 bytecode, every public
 * method is callable from Java (no Kotlin-mangled names from unsigned types), and the core
 * answers through it, errors as typed exceptions with their stable codes.
 */
class JianyiTest {
    private static final String JAR = System.getProperty("jianyi.jar");
    private static final String SAMPLE = System.getProperty("jianyi.sample");

    private static List<String> classesInJar() throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Test
    void everyClassIsJava8Bytecode() throws IOException {
        List<String> classes = classesInJar();
        assertFalse(classes.isEmpty());
        try (JarFile jar = new JarFile(JAR)) {
            for (String name : classes) {
                try (InputStream in = jar.getInputStream(jar.getJarEntry(name));
                        DataInputStream data = new DataInputStream(in)) {
                    assertEquals(0xCAFEBABE, data.readInt(), name);
                    data.readUnsignedShort();
                    assertEquals(52, data.readUnsignedShort(), name + " is not Java 8 bytecode");
                }
            }
        }
    }

    @Test
    void theNativeLibraryIsInTheJarWhereJnaFindsIt() throws IOException {
        try (JarFile jar = new JarFile(JAR)) {
            assertTrue(jar.getJarEntry("linux-x86-64/libjianyi_uniffi.so") != null);
        }
    }

    /** uniffi's own converters and buffers are public for the generated code, not for hosts. */
    private static boolean isUniffiPlumbing(Class<?> type) {
        String outer = type.getName().substring("jianyi.".length()).split("\\$")[0];
        return outer.startsWith("FfiConverter") || outer.startsWith("RustBuffer")
                || outer.startsWith("Uniffi") || outer.equals("ForeignBytes")
                || outer.equals("NoPointer");
    }

    /** Kotlin names a function with an unsigned (inline class) parameter or result
     *  `name-hash`: Java cannot call it. Every public method of the binding must be callable. */
    @Test
    void everyPublicMethodIsCallableFromJava() throws Exception {
        List<String> uncallable = new ArrayList<>();
        int checked = 0;
        for (String entry : classesInJar()) {
            if (!entry.startsWith("jianyi/")) {
                continue;
            }
            Class<?> type = Class.forName(entry.replace('/', '.').replaceAll("\\.class$", ""), false,
                    getClass().getClassLoader());
            if (!Modifier.isPublic(type.getModifiers()) || isUniffiPlumbing(type)) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                checked++;
                String name = m.getName();
                boolean ok = Character.isJavaIdentifierStart(name.charAt(0));
                for (int i = 1; i < name.length(); i++) {
                    ok &= Character.isJavaIdentifierPart(name.charAt(i));
                }
                if (!ok) {
                    uncallable.add(type.getName() + "." + name);
                }
            }
        }
        assertTrue(checked > 50, checked + " methods checked");
        assertTrue(uncallable.isEmpty(), "not callable from Java: " + uncallable);
    }

    /** The binding's own objects and top-level functions (not uniffi's plumbing). */
    private static final String[] EXPORTED = {
        "jianyi.LedgerInterface", "jianyi.Ledger$Companion",
        "jianyi.ScreenerInterface", "jianyi.Screener$Companion",
        "jianyi.HolidayCalendarInterface", "jianyi.HolidayCalendar$Companion",
        "jianyi.SimilarityIndexInterface", "jianyi.SimilarityIndex$Companion",
        "jianyi.Jianyi_uniffiKt",
    };

    /** Every exported function and method is called from Java in these tests: a function
     *  added to the binding fails here until a Java test calls it. */
    @Test
    void everyExportedFunctionIsCalledFromJava() throws Exception {
        StringBuilder sources = new StringBuilder();
        try (java.util.stream.Stream<java.nio.file.Path> files =
                Files.walk(Paths.get(System.getProperty("jianyi.testSources")))) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files
                    .filter(p -> p.toString().endsWith(".java"))::iterator) {
                sources.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        // Calls are `.name(`; the text of this test (the list above) names no function.
        String calls = sources.toString();
        List<String> uncalled = new ArrayList<>();
        int checked = 0;
        for (String name : EXPORTED) {
            for (Method m : Class.forName(name).getDeclaredMethods()) {
                String fn = m.getName();
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()
                        || fn.startsWith("uniffi") || fn.equals("destroy") || fn.equals("close")
                        || fn.equals("use")) { // Kotlin's helper for Disposable
                    continue;
                }
                checked++;
                if (!calls.contains("." + fn + "(")) {
                    uncalled.add(name + "." + fn);
                }
            }
        }
        assertTrue(checked > 80, checked + " functions checked");
        assertTrue(uncalled.isEmpty(), "exported but never called from Java: " + uncalled);
    }

    @Test
    void profilesVersionsAndCodes() throws Exception {
        assertTrue(Jianyi_uniffiKt.presetNames().contains("seed-city"));
        ProfileInfo info = Jianyi_uniffiKt.validateProfileJson(Jianyi_uniffiKt.presetJson("seed-city"));
        assertEquals("seed-city", info.getId());
        assertEquals(2, Jianyi_uniffiKt.ledgerFormatVersion());
        assertTrue(Jianyi_uniffiKt.errorCodes().contains("followup.still_rolls_over"));
        assertFalse(Jianyi_uniffiKt.libraryVersion().isEmpty());
        JianyiException.Profile e = assertThrows(JianyiException.Profile.class,
                () -> Jianyi_uniffiKt.validateProfileJson("{"));
        assertEquals("profile.parse", e.getCode());
    }

    /** A server that stores the lines in its own database first (examples/vendor-service):
     *  prepare, append the chained lines, then apply them; a retry is a duplicate. */
    @Test
    void preparedLinesAreAppendedThenApplied() throws Exception {
        List<String> commands = Jianyi_uniffiKt.generatedCommandsJson(8L, 5L);
        assertTrue(commands.size() > 50, commands.size() + " commands");
        try (Ledger direct = new Ledger("seed-city", null);
                Ledger hosted = new Ledger("seed-city", null)) {
            List<String> stored = new ArrayList<>();
            for (String command : commands.subList(0, 20)) {
                String head = hosted.chainHead();
                PreparedAppend p = hosted.prepare(command);
                assertFalse(p.getDuplicate());
                assertEquals(direct.execute(command).getEventsJson(), p.getEventsJson());
                assertTrue(p.getLines().get(0).startsWith("{\"prev\":\"" + head + "\","));
                stored.addAll(p.getLines());
                assertEquals((long) p.getLines().size(), hosted.applyEvents(p.getLines()));
                assertEquals(p.getHead(), hosted.chainHead());
                assertTrue(hosted.prepare(command).getDuplicate());
            }
            assertEquals(direct.toJsonl(), hosted.toJsonl());
            assertEquals(direct.chainHead(), hosted.chainHead());
            assertEquals(stored.size(), (int) hosted.eventCount());
        }
    }

    @Test
    void workingDaysWithSignedCounts() throws Exception {
        HolidayCalendar cal = HolidayCalendar.Companion.china();
        assertEquals("2022-04-12", cal.addWorkingDays("2022-03-31", 7));
        assertEquals("2022-04-12", cal.dueDate("2022-03-31", 7, WindowUnit.WORKING_DAYS, true).getDue());
        assertEquals(7L, cal.workingDaysBetween("2022-03-31", "2022-04-12"));
        JianyiException.Input e = assertThrows(JianyiException.Input.class,
                () -> cal.addWorkingDays("2022-03-31", -1));
        assertEquals("input.malformed", e.getCode());
    }

    @Test
    void theSampleYearThroughTheJar() throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(SAMPLE)), StandardCharsets.UTF_8);
        try (Ledger ledger = Ledger.Companion.fromJsonl(text, "seed-city", null)) {
            assertTrue(ledger.eventCount() > 4000L);
            assertTrue(ledger.items().size() > 400);
            List<ObligationRecord> overdue = ledger.overdue("2022-12-31");
            assertTrue(overdue.size() >= 0);
            assertTrue(ledger.yearFiguresJson(2022, "2022-12-31").contains("\"suggestions_total\":447"));
            assertTrue(Jianyi_uniffiKt.verifyLedger(text).contains("\"broken\":null"));
            JianyiException.Input bad = assertThrows(JianyiException.Input.class,
                    () -> ledger.execute("{\"id\":"));
            assertEquals("input.malformed", bad.getCode());
        }
    }

    /** A server that keeps a snapshot beside its ledger file reopens from it: the state at
     *  the snapshot, then only the lines after it (docs/snapshot-format.md). */
    @Test
    void aLedgerReopenedFromItsSnapshot() throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(SAMPLE)), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        String early = String.join("\n", lines.subList(0, 2000)) + "\n";
        try (Ledger full = Ledger.Companion.fromJsonl(text, "seed-city", null);
                Ledger first = Ledger.Companion.fromJsonl(early, "seed-city", null)) {
            byte[] snapshot = first.stateSnapshot();
            ReopenOutcome out = Jianyi_uniffiKt.reopenLedger(text, snapshot, null, null);
            try (Ledger reopened = out.getLedger()) {
                assertEquals(null, out.getRefusal());
                assertFalse(reopened.holdsLog());
                assertTrue(full.holdsLog());
                assertEquals(full.eventCount(), reopened.eventCount());
                assertEquals(full.yearFiguresJson(2022, "2022-12-31"),
                        reopened.yearFiguresJson(2022, "2022-12-31"));
                JianyiException.Ledger e = assertThrows(JianyiException.Ledger.class,
                        reopened::toJsonl);
                assertEquals("ledger.log_not_held", e.getCode());
            }
            // A damaged snapshot (its last byte changed) is refused with its code, and the file
            // read in full.
            byte[] damaged = Arrays.copyOf(snapshot, snapshot.length);
            damaged[damaged.length - 1] ^= 1;
            ReopenOutcome refused = Jianyi_uniffiKt.reopenLedger(text, damaged, null, null);
            try (Ledger whole = refused.getLedger()) {
                assertEquals("snapshot.corrupt", refused.getRefusal().getCode());
                assertTrue(whole.holdsLog());
                assertEquals(full.eventCount(), whole.eventCount());
            }
            // A server that keeps the file reads it keeping the state only.
            try (Ledger state = Jianyi_uniffiKt.loadLedgerStateOnly(text, null, null)) {
                assertFalse(state.holdsLog());
                assertEquals(full.eventCount(), state.eventCount());
                assertArrayEquals(full.stateSnapshot(), state.stateSnapshot());
                assertEquals(full.yearFiguresJson(2022, "2022-12-31"),
                        state.yearFiguresJson(2022, "2022-12-31"));
            }
        }
    }

    @Test
    void aDeputysDraftIsCheckedOfflineFromTypedRecords() throws Exception {
        try (Screener deputy = Screener.Companion.forDeputy("seed-city")) {
            // A quote mark in the deputy's text is just a field value: nothing is spliced.
            Draft draft = new Draft("关于推进\"高标准农田\"建设的建议", "农田水利设施老化，灌溉困难。", null, 1, false);
            ClassificationRecord c = deputy.classify(draft);
            assertEquals("agriculture", c.getTop().getTopic());
            assertFalse(c.getTop().getTerms().isEmpty());
            DraftReportRecord report = deputy.checkDraft(new Draft("关于某事的建议", "请研究。", null, 1, false));
            assertTrue(report.getScore() < 100L);
            assertFalse(report.getFixes().isEmpty());
            List<ExclusionFlagRecord> flags = deputy.exclusions(
                    new Draft("关于解决我儿子工作调动的建议", "请帮助解决我儿子的工作调动问题。", null, 1, false));
            assertEquals("personal_matter", flags.get(0).getReason());
            assertEquals("should_convert",
                    deputy.qualifyMotion(new Draft("关于制定某条例的议案", "请审议。", null, 1, false)).getVerdict());
            assertEquals("no_candidate", deputy.route(draft).getDifficulty());
            JianyiException.Input bad = assertThrows(JianyiException.Input.class,
                    () -> deputy.classify(new Draft("t", "b", null, -1, false)));
            assertEquals("input.malformed", bad.getCode());
        }
    }

    @Test
    void routingWithItsReasonsAndSimilarItems() throws Exception {
        try (Screener office = Screener.Companion.forPreset("seed-city")) {
            RoutingRecord r = office.route(new Draft("关于加快推进老旧小区加装电梯的建议", "老旧小区加装电梯需求迫切。",
                    "市住房和城乡建设局", 1, false));
            assertEquals("U-ZJJ", r.getLead().getUnit());
            assertTrue(r.getLead().getReasons().stream().anyMatch(x -> x.getCode().equals("unit.proposed")));
        }
        assertEquals("traffic_police", Jianyi_uniffiKt.unitKind("某县公安局交通警察大队"));
        String text = new String(Files.readAllBytes(Paths.get(SAMPLE)), StandardCharsets.UTF_8);
        try (Ledger ledger = Ledger.Companion.fromJsonl(text, "seed-city", null);
                Screener local = Screener.Companion.forLedger(ledger)) {
            assertTrue(local.units().size() > 20);
            long before = local.historyTerms();
            assertTrue(before > 0);
            // Earlier records kept outside the ledger teach a new screener; this one is unchanged.
            try (Screener learnt = local.learningFrom(Arrays.asList(
                    new PastItemRecord("关于开通城区至青湖镇公交专线的建议", "", Arrays.asList("NO-SUCH-UNIT"))))) {
                assertEquals(before, learnt.historyTerms());
            }
            // The city's and the district's water bureaus tie on a 人饮工程 item; three earlier
            // records of the district's break the tie.
            Draft cistern = new Draft("关于修缮某村人饮工程蓄水池的建议", "", null, 1, false);
            assertEquals(null, local.route(cistern).getLead());
            List<PastItemRecord> past = new java.util.ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                past.add(new PastItemRecord("关于修缮某村人饮工程蓄水池的建议（" + i + "）", "", Arrays.asList("U-SLJ-01")));
            }
            try (Screener learnt = local.learningFrom(past)) {
                assertTrue(learnt.historyTerms() > before);
                assertEquals("U-SLJ-01", learnt.route(cistern).getLead().getUnit());
            }
            assertEquals(before, local.historyTerms());
        }
        try (SimilarityIndex idx = SimilarityIndex.Companion.build("seed-city", Arrays.asList(
                new IndexedTextRecord("J2021-001", 2021, "关于加快老旧小区加装电梯的建议：老旧小区多，老年人上下楼困难，建议财政补贴加装电梯。"),
                new IndexedTextRecord("J2022-002", 2022, "关于推进农村饮水安全工程的建议：部分村组饮水困难。")))) {
            assertEquals(2L, idx.len());
            List<MergeCandidateRecord> found = idx.similarTo("J2022-009", 2022,
                    "关于老旧小区加装电梯的建议：老旧小区多，老年人上下楼困难，建议补贴加装电梯。");
            assertEquals("J2021-001", found.get(0).getB());
            assertEquals("earlier_year", found.get(0).getKind());
        }
    }

    @Test
    void theYearsReportsAsRecords() throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(SAMPLE)), StandardCharsets.UTF_8);
        try (Ledger ledger = Ledger.Companion.fromJsonl(text, "seed-city", null)) {
            String summary = ledger.summaryText(2022, "2022-12-31", "zh", "text");
            assertTrue(summary.contains("建议"), summary.substring(0, 80));
            assertTrue(ledger.summaryText(2022, "2022-12-31", "en", "html").startsWith("<"));
            JianyiException.Input badLang = assertThrows(JianyiException.Input.class,
                    () -> ledger.summaryText(2022, "2022-12-31", "fr", "text"));
            assertEquals("input.malformed", badLang.getCode());
            // The Word document: the .docx file's bytes, a zip with its document part.
            byte[] docx = ledger.summaryDocx(2022, "2022-12-31", "en");
            assertEquals(0x50, docx[0]);
            assertEquals(0x4b, docx[1]);
            boolean documentPart = false;
            try (java.util.zip.ZipInputStream zip =
                    new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
                for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    documentPart |= e.getName().equals("word/document.xml");
                }
            }
            assertTrue(documentPart);

            List<CountTableRecord> tables = ledger.reportTables(2022, "2022-12-31");
            CountTableRecord byKind = tables.stream().filter(t -> t.getId().equals("by_kind")).findFirst().get();
            assertEquals(448L, byKind.getDenominator());
            long rows = byKind.getRows().stream().mapToLong(r -> r.getCount()).sum();
            assertEquals(448L, rows);
            assertTrue(ledger.yearTablesJson(2022, "2022-12-31").startsWith("{"));

            List<UnitAssessmentRecord> units = ledger.unitAssessment(2022, "2022-12-31");
            assertTrue(units.size() > 20);
            for (UnitAssessmentRecord u : units) {
                assertFalse(u.getDimensions().isEmpty(), u.getUnit());
                assertTrue(u.getRankInGroup() >= 1L);
                assertTrue(u.getExplanationJson().contains(u.getUnit()));
            }

            ExcellenceRecord ex = ledger.excellence(2022);
            assertTrue(ex.getSuggestions().getQuota() > 0L);
            assertTrue(ex.getSuggestions().getRows().stream().anyMatch(r -> r.getStanding().equals("selected")));

            // The report audit reads the summary the library printed: every figure reproduces.
            List<TableAuditRecord> audits = Jianyi_uniffiKt.auditReportText(summary);
            assertFalse(audits.isEmpty());
            for (TableAuditRecord a : audits) {
                for (FigureFindingRecord f : a.getFigures()) {
                    assertTrue(f.getReproducible(), a.getId() + " " + f.getLabel() + " " + f.getPrinted());
                }
            }
            // A wrong figure is found, with its nearest correct value.
            List<TableAuditRecord> wrong = Jianyi_uniffiKt.auditReportText(
                    "100件建议中，解决采纳的60件，占60%；正在解决的30件，占35%；留作参考的10件，占10%。");
            assertEquals(100L, wrong.get(0).getDenominator());
            assertTrue(wrong.get(0).getFigures().stream().anyMatch(f -> !f.getReproducible()
                    && f.getPrinted().equals("35") && f.getNearest().equals("30.0")), wrong.toString());
        }
    }

    @Test
    void typedCommandsFromJava() throws Exception {
        try (Ledger ledger = new Ledger("seed-city", null)) {
            ActorRecord office = ActorRecord.DeputyAffairsOffice.INSTANCE;
            ledger.executeCommand(new CommandRecord("c1", "2022-01-05", office,
                    new ActionRecord.RegisterSession("9-1", 9, 1, "2022-02-21", "2022-02-25")));
            ledger.executeCommand(new CommandRecord("c2", "2022-01-05", office,
                    new ActionRecord.RegisterDeputy("D1", "张三", null, false)));
            ledger.executeCommand(new CommandRecord("c3", "2022-01-05", office,
                    new ActionRecord.RegisterUnit("U-EDU", "市教育局", SystemRecord.GOVERNMENT, null)));
            String title = "关于\"双减\"后课后服务的建议";
            CommandRecord submit = new CommandRecord("c4", "2022-02-23", new ActorRecord.Deputy("D1"),
                    new ActionRecord.SubmitSuggestion("J001", "D1", Collections.<String>emptyList(), null,
                            title, "问题：……", null));
            assertTrue(Jianyi_uniffiKt.commandJson(submit).contains("\\\"双减\\\""));
            ExecuteOutcome out = ledger.executeCommand(submit);
            assertEquals(1, out.getEventsJson().size());
            assertEquals(title, ledger.items().get(0).getTitle());
            ledger.executeCommand(new CommandRecord("c5", "2022-03-01", office,
                    new ActionRecord.Register("J001", "education_culture_health", null)));
            ledger.executeCommand(new CommandRecord("c6", "2022-03-31", office,
                    new ActionRecord.Assign("J001", new PlanRecord(HandlingModeRecord.LEAD_WITH_CO,
                            Arrays.asList("U-EDU"), Collections.<String>emptyList()))));
            JianyiException.Rejected refused = assertThrows(JianyiException.Rejected.class,
                    () -> ledger.executeCommand(new CommandRecord("c7", "2022-04-20", new ActorRecord.Unit("U-EDU"),
                            new ActionRecord.IssueReply("J001", "resolved", null, true,
                                    Collections.<String>emptyList(), false))));
            assertEquals("handle.contact_required", refused.getCode());
        }
    }

    @Test
    void anItemAndTheYearsFiguresAsRecords() throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(SAMPLE)), StandardCharsets.UTF_8);
        try (Ledger ledger = Ledger.Companion.fromJsonl(text, "seed-city", null)) {
            YearFiguresRecord f = ledger.yearFigures(2022, "2022-12-31");
            assertEquals(447L, f.getSuggestionsTotal());
            long finals = 0;
            for (ShareRecord r : f.getClassesFinal()) {
                finals += r.getCount();
                assertEquals(r.getCount(), r.getNumerator());
            }
            assertEquals(f.getReplied(), finals);
            assertTrue(ledger.yearFiguresJson(2022, "2022-12-31").contains("\"suggestions_total\":447"));

            String id = ledger.items().stream().filter(x -> x.getStatus() == jianyi.ItemStatus.REPLIED)
                    .findFirst().get().getId();
            ItemRecord item = ledger.item(id);
            assertFalse(item.getReplies().isEmpty());
            assertEquals(id, item.getId());
            assertFalse(item.getTitle().isEmpty());
            assertFalse(item.getAssignments().isEmpty());
            assertTrue(item.getDetailJson().contains(id));
            assertEquals(null, ledger.item("J9999-999999"));
            JianyiException.Input bad = assertThrows(JianyiException.Input.class, () -> ledger.item("J 1"));
            assertEquals("input.invalid_id", bad.getCode());
        }
    }
}
