package org.jianyi;

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
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import jianyi.HolidayCalendar;
import jianyi.Jianyi_uniffiKt;
import jianyi.JianyiException;
import jianyi.Ledger;
import jianyi.ObligationRecord;
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
}
