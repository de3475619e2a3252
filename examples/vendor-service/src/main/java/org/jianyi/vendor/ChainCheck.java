package org.jianyi.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import jianyi.JianyiException;
import jianyi.Jianyi_uniffiKt;

/**
 * 防篡改: whether the stored rows hold together, naming the first row that does not by its
 * `seq`. The chain itself is checked by the core (`verifyLedger`); this adds what only the
 * table knows: the `seq` and `prev` columns against the lines, and the stored head against
 * the last line (so an edit of the last row, which no later line links to, is caught too).
 */
public final class ChainCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainCheck() {}

    /** The ledger as JSON Lines, checked: the header line, then every row's line. */
    public static String checkedText(LedgerStore.Header header, List<LedgerStore.Row> rows) {
        StringBuilder text = new StringBuilder(header.line()).append('\n');
        long expected = 1;
        for (LedgerStore.Row row : rows) {
            if (row.seq() != expected) {
                throw new TamperedLedgerException(expected, "row missing (the next row is seq " + row.seq() + ")");
            }
            if (!row.prev().equals(LedgerStore.prevOf(row.line()))) {
                throw new TamperedLedgerException(row.seq(), "the prev column differs from the line's own prev");
            }
            text.append(row.line()).append('\n');
            expected++;
        }
        String all = text.toString();
        JsonNode report;
        try {
            report = JSON.readTree(Jianyi_uniffiKt.verifyLedger(all));
        } catch (JianyiException e) {
            throw new TamperedLedgerException(0, "the header does not read: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("verifyLedger answered no JSON", e);
        }
        JsonNode broken = report.path("broken");
        if (!broken.isNull() && !broken.isMissingNode()) {
            // Text line L is row seq L - 1 (line 1 is the header). Its `prev` does not match the
            // line before it: that row (seq L - 2) no longer hashes to what row L - 1 recorded
            // when it was appended (the prev column, checked above, agrees with the line).
            long line = broken.path("line").asLong();
            long seq = line - 2;
            throw new TamperedLedgerException(seq, seq == 0
                    ? "the header was changed (row seq 1 links to another header)"
                    : "row seq " + seq + " was changed: row seq " + (seq + 1) + " links to another line");
        }
        long last = rows.size();
        if (header.headSeq() != last) {
            throw new TamperedLedgerException(Math.max(last, header.headSeq()),
                    "the stored head is at seq " + header.headSeq() + " but the table ends at seq " + last);
        }
        String head = report.path("head").asText("");
        if (last > 0 && !head.equals(header.head())) {
            throw new TamperedLedgerException(last, "the last row was changed: it no longer hashes to the stored head");
        }
        return all;
    }
}
