package org.jianyi.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The throwaway PostgreSQL cluster scripts/vendor-service-tests started (its URL and a command
 * that stops and starts it, as system properties): a fresh database per test.
 */
final class Pg {
    private Pg() {}

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            throw new IllegalStateException(name + " is not set: run the tests with scripts/vendor-service-tests,"
                    + " which starts a throwaway PostgreSQL cluster");
        }
        return v;
    }

    /** The cluster's admin URL (database `postgres`). */
    static String adminUrl() {
        return property("vendor.pg.url");
    }

    /** A new empty database; its JDBC URL. */
    static String freshDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        return adminUrl().replace("/postgres", "/" + name);
    }

    /** `pg_ctl stop -m fast` or `start` on the cluster (waits until done). */
    static void control(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(property("vendor.pg.control"), action).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pg_ctl " + action + " did not finish");
        }
        assertEquals(0, p.exitValue(), "pg_ctl " + action);
    }

    /** Runs one statement. */
    static int update(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** The number of stored lines. */
    static long rows(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM ledger_line")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Every stored row and the header, as text: to compare the store before and after. */
    static String dump(String url) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT line, head_seq, head FROM ledger_header")) {
                while (r.next()) {
                    out.append(r.getString(1)).append(' ').append(r.getLong(2)).append(' ')
                            .append(r.getString(3)).append('\n');
                }
            }
            try (ResultSet r = s.executeQuery("SELECT seq, prev, line FROM ledger_line ORDER BY seq")) {
                while (r.next()) {
                    out.append(r.getLong(1)).append(' ').append(r.getString(2)).append(' ')
                            .append(r.getString(3)).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The stored ledger as JSON Lines (header, then each row's line). */
    static String jsonl(String url) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT line FROM ledger_header")) {
                while (r.next()) {
                    lines.add(r.getString(1));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT line FROM ledger_line ORDER BY seq")) {
                while (r.next()) {
                    lines.add(r.getString(1));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
