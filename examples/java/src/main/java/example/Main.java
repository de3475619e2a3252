package example;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jianyi.ActionRecord;
import jianyi.ActorRecord;
import jianyi.CommandRecord;
import jianyi.CountTableRecord;
import jianyi.Draft;
import jianyi.ExecuteOutcome;
import jianyi.HandlingModeRecord;
import jianyi.ItemSummary;
import jianyi.JianyiException;
import jianyi.Ledger;
import jianyi.ObligationRecord;
import jianyi.ObligationStatus;
import jianyi.PlanRecord;
import jianyi.ReasonRecord;
import jianyi.RoutingRecord;
import jianyi.Screener;
import jianyi.SystemRecord;
import jianyi.UnitAssessmentRecord;
import jianyi.YearFiguresRecord;

/**
 * A vendor's server code in Java 8, against the jianyi jar from the local Maven repository:
 * the year's summary, figures and report tables, the unit assessment, routing a new suggestion
 * with its reasons, a deputy's feedback with its obligations, and recording commands built as
 * typed records (a deputy's text is a field value, never spliced into JSON).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        try (Ledger year = Ledger.Companion.fromJsonl(text, "seed-city", null)) {
            YearFiguresRecord f = year.yearFigures(2022, "2022-12-31");
            System.out.println("2022: " + f.getSuggestionsTotal() + " suggestions, " + f.getReplied() + " replied");
            for (CountTableRecord t : year.reportTables(2022, "2022-12-31")) {
                if (t.getId().equals("classes_final")) {
                    t.getRows().forEach(r -> System.out.println("  " + r.getLabelZh() + " " + r.getCount()
                            + "件，占" + r.getPercent()));
                }
            }
            UnitAssessmentRecord first = year.unitAssessment(2022, "2022-12-31").get(0);
            System.out.println("assessment: " + first.getName() + " " + first.getTotal() + " (" + first.getBandZh() + ")");

            try (Screener screener = Screener.Companion.forLedger(year)) {
                RoutingRecord r = screener.route(new Draft("关于\"老旧小区\"加装电梯的建议",
                        "老旧小区多，老年人上下楼难。", null, 1, false));
                System.out.println("routing: " + (r.getLead() == null ? r.getDifficulty() : r.getLead().getName()));
                if (r.getLead() != null) {
                    for (ReasonRecord why : r.getLead().getReasons()) {
                        System.out.println("  " + why.getZh());
                    }
                }
            }
        }

        // The deputy rates a reply on 15 June: the ledger as it stood that day, an item whose
        // rating is due, and a comment with quotes and a line break, passed as a field.
        String today = "2022-06-15";
        try (Ledger june = Ledger.Companion.fromJsonl(upTo(text, today), "seed-city", null)) {
            for (ItemSummary item : june.items()) {
                boolean ratingDue = false;
                for (ObligationRecord o : june.obligations(item.getId(), today)) {
                    ratingDue |= o.getKind().equals("feedback") && (o.getStatus() == ObligationStatus.OPEN
                            || o.getStatus() == ObligationStatus.DUE_SOON);
                }
                if (!ratingDue) {
                    continue;
                }
                String deputy = june.holder(item.getId()).getDeputies().get(0);
                String comment = "答复及时，措施\"具体\"。\n希望继续跟踪落实。";
                ExecuteOutcome rated = june.executeCommand(new CommandRecord("app-feedback-1", today,
                        new ActorRecord.Deputy(deputy),
                        new ActionRecord.GiveFeedback(item.getId(), "satisfied", null, null, comment)));
                System.out.println("feedback recorded on " + item.getId() + ": " + rated.getEventsJson().size() + " event");
                for (ObligationRecord o : june.obligations(item.getId(), today)) {
                    System.out.println("  obligation " + o.getLabelZh() + ": due " + o.getDue() + ", " + o.getStatus());
                }
                break;
            }
        }
        try (Ledger year = Ledger.Companion.fromJsonl(text, "seed-city", null)) {
            String summary = year.summaryText(2022, "2022-12-31", "zh", "text");
            System.out.println(summary.substring(0, summary.indexOf('\n')));
        }

        // Recording: commands are records, never JSON built by hand.
        try (Ledger ledger = new Ledger("seed-city", null)) {
            ActorRecord office = ActorRecord.DeputyAffairsOffice.INSTANCE;
            ledger.executeCommand(new CommandRecord("c1", "2022-01-05", office,
                    new ActionRecord.RegisterSession("9-1", 9, 1, "2022-02-21", "2022-02-25")));
            ledger.executeCommand(new CommandRecord("c2", "2022-01-05", office,
                    new ActionRecord.RegisterDeputy("D1", "张三", null, false)));
            ledger.executeCommand(new CommandRecord("c3", "2022-01-05", office,
                    new ActionRecord.RegisterUnit("U-EDU", "市教育局", SystemRecord.GOVERNMENT, null)));
            ledger.executeCommand(new CommandRecord("c4", "2022-02-23", new ActorRecord.Deputy("D1"),
                    new ActionRecord.SubmitSuggestion("J001", "D1", Collections.<String>emptyList(), null,
                            "关于\"双减\"后课后服务的建议", "问题：……", null)));
            ledger.executeCommand(new CommandRecord("c5", "2022-03-01", office,
                    new ActionRecord.Register("J001", "education_culture_health", null)));
            ExecuteOutcome out = ledger.executeCommand(new CommandRecord("c6", "2022-03-31", office,
                    new ActionRecord.Assign("J001", new PlanRecord(HandlingModeRecord.LEAD_WITH_CO,
                            Arrays.asList("U-EDU"), Collections.<String>emptyList()))));
            System.out.println("events to store: " + out.getEventsJson());
            try {
                ledger.executeCommand(new CommandRecord("c7", "2022-04-20", new ActorRecord.Unit("U-EDU"),
                        new ActionRecord.IssueReply("J001", "resolved", null, true,
                                Collections.<String>emptyList(), false)));
            } catch (JianyiException.Rejected e) {
                System.out.println("refused: " + e.getCode() + " — " + e.getDetail());
            }
        }
    }

    private static final Pattern ON = Pattern.compile("\"on\":\"([0-9-]{10})\"");

    /** The header and the events up to `day` (the ledger as it stood that day). */
    private static String upTo(String text, String day) {
        String[] lines = text.split("\n");
        StringBuilder out = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            Matcher on = ON.matcher(lines[i]);
            if (on.find() && on.group(1).compareTo(day) > 0) {
                break;
            }
            out.append(lines[i]).append('\n');
        }
        return out.toString();
    }
}
