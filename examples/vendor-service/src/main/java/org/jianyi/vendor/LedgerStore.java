package org.jianyi.vendor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The ledger in PostgreSQL (台账存储): one row per ledger line, plus the header.
 *
 * <pre>
 * ledger_header(id = 1, line text, head_seq bigint, head char(64))  -- line 1, and the head
 * ledger_line(seq bigint primary key, prev char(64), line text)     -- lines 2..
 * </pre>
 *
 * The append rule: one transaction moves the head from the (seq, link) the instance decided
 * against to the new one, and inserts the lines. The head update matches no row when another
 * instance appended first (its transaction holds the row until it commits, then ours sees the
 * new head), so the append fails and nothing is written. A retry runs under the head row's
 * lock ({@link #underHeadLock}): it reads, decides and appends with no writer in between, so
 * an instance cannot lose to a busier one again and again. Every SQL failure is reported as
 * {@link StoreUnavailableException}: the caller answers 503 and nothing was half-written.
 */
public class LedgerStore {
    /** Prefix of every chained ledger line: its `prev` link follows (docs/ledger-format.md). */
    private static final String PREV_OPEN = "{\"prev\":\"";
    private static final int LINK_LEN = 64;

    private final DataSource dataSource;

    public LedgerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A row as stored. */
    public record Row(long seq, String prev, String line) {}

    /** The header row: line 1 and the head. */
    public record Header(String line, long headSeq, String head) {}

    /**
     * Creates the tables when missing and stores the header of an empty ledger when there is
     * none. Instances starting together serialise on an advisory lock.
     */
    public void initialise(String headerLine, String emptyHead) {
        run(c -> {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7201919)");
                s.execute("CREATE TABLE IF NOT EXISTS ledger_header ("
                        + "id smallint PRIMARY KEY CHECK (id = 1), line text NOT NULL, "
                        + "head_seq bigint NOT NULL, head char(64) NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS ledger_line ("
                        + "seq bigint PRIMARY KEY, prev char(64) NOT NULL, line text NOT NULL)");
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO ledger_header (id, line, head_seq, head) VALUES (1, ?, 0, ?) "
                            + "ON CONFLICT (id) DO NOTHING")) {
                p.setString(1, headerLine);
                p.setString(2, emptyHead);
                p.executeUpdate();
            }
            c.commit();
            return null;
        });
    }

    /** The header row. */
    public Header header() {
        return run(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT line, head_seq, head FROM ledger_header WHERE id = 1")) {
                if (!r.next()) {
                    throw new TamperedLedgerException(0, "the ledger_header row is missing");
                }
                return new Header(r.getString(1), r.getLong(2), r.getString(3));
            }
        });
    }

    /** The rows after `seq`, in order. */
    public List<Row> rowsAfter(long seq) {
        return run(c -> rowsAfter(c, seq));
    }

    private static List<Row> rowsAfter(Connection c, long seq) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT seq, prev, line FROM ledger_line WHERE seq > ? ORDER BY seq")) {
            p.setLong(1, seq);
            p.setFetchSize(4096);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getLong(1), r.getString(2), r.getString(3)));
                }
            }
        }
        return rows;
    }

    /**
     * Appends `lines` after the head (`seq`, `head`) they were decided against, moving the
     * head to (`seq + lines.size()`, `newHead`), all in one transaction.
     *
     * @return false when another writer appended first (nothing written)
     */
    public boolean append(long seq, String head, List<String> lines, String newHead) {
        return run(c -> {
            c.setAutoCommit(false);
            try {
                if (!append(c, seq, head, lines, newHead)) {
                    c.rollback();
                    return false;
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // The connection is gone: the server rolls the transaction back.
                }
                throw e;
            }
        });
    }

    /** The append's statements, in the caller's transaction; false if the head moved. */
    private static boolean append(Connection c, long seq, String head, List<String> lines, String newHead)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE ledger_header SET head_seq = ?, head = ? WHERE id = 1 AND head_seq = ? AND head = ?")) {
            p.setLong(1, seq + lines.size());
            p.setString(2, newHead);
            p.setLong(3, seq);
            p.setString(4, head);
            if (p.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO ledger_line (seq, prev, line) VALUES (?, ?, ?)")) {
            long next = seq;
            for (String line : lines) {
                p.setLong(1, ++next);
                p.setString(2, prevOf(line));
                p.setString(3, line);
                p.addBatch();
            }
            p.executeBatch();
        }
        return true;
    }

    /** The store inside a transaction that holds the head row: no other writer can append. */
    public interface Locked {
        /** The rows after `seq`, in order. */
        List<Row> rowsAfter(long seq) throws SQLException;

        /** Appends `lines` after (`seq`, `head`); false if that is not the head. */
        boolean append(long seq, String head, List<String> lines, String newHead) throws SQLException;
    }

    /** Work done while holding the head row. */
    public interface LockedWork<T> {
        T apply(Locked store) throws Exception;
    }

    /**
     * Runs `work` in one transaction that first locks the head row (`SELECT … FOR UPDATE`,
     * waiting for a writer that holds it to commit): what it reads is the whole ledger and
     * what it appends cannot lose to another instance. It commits when `work` returns and
     * rolls back when it throws (a refusal rethrown as it is).
     */
    public <T> T underHeadLock(LockedWork<T> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT head_seq FROM ledger_header WHERE id = 1 FOR UPDATE").close();
                }
                T out = work.apply(new Locked() {
                    @Override
                    public List<Row> rowsAfter(long seq) throws SQLException {
                        return LedgerStore.rowsAfter(c, seq);
                    }

                    @Override
                    public boolean append(long seq, String head, List<String> lines, String newHead)
                            throws SQLException {
                        return LedgerStore.append(c, seq, head, lines, newHead);
                    }
                });
                c.commit();
                return out;
            } catch (Exception e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // The connection is gone: the server rolls the transaction back.
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /** The `prev` link a chained line carries (its first field), or "" when it has none. */
    public static String prevOf(String line) {
        if (!line.startsWith(PREV_OPEN) || line.length() < PREV_OPEN.length() + LINK_LEN) {
            return "";
        }
        return line.substring(PREV_OPEN.length(), PREV_OPEN.length() + LINK_LEN);
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }
}
