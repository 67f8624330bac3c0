package io.casegate.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;

/** The benchmark's one table (Markdown, so it pastes into docs/performance.md) and its JSON. */
final class Report {

    private Report() {}

    static String table(Map<String, Object> r, Settings settings) {
        int latency = settings.latencyMs();
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "Casegate benchmark %s → %s; sandbox latency %d ms per CRM call; %d s per intake level; "
                        + "load average (1/5/15 min) at start %s, at end %s%n%n",
                r.get("started"),
                r.get("finished"),
                latency,
                settings.secondsPerLevel(),
                r.get("loadavg.start"),
                r.get("loadavg.end")));
        b.append("| measure | Casegate (H2) | Casegate (PostgreSQL) | brief's strategy | Casegate ÷ brief | goal |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (int c : settings.levels()) {
            String goalT = c == 32
                    ? "≥ 300/s: " + verdict(min(r, "intake.H2.c32.perSecond", "intake.PostgreSQL.c32.perSecond") >= 300)
                    : "";
            String goalP = c == 32
                    ? "< 200 ms: " + verdict(max(r, "intake.H2.c32.p99", "intake.PostgreSQL.c32.p99") < 200)
                    : "";
            row(
                    b,
                    "intake, concurrency " + c + ": submissions/s (load avg)",
                    f(r, "intake.H2.c" + c + ".perSecond") + " (" + r.get("intake.H2.c" + c + ".loadavg") + ")",
                    f(r, "intake.PostgreSQL.c" + c + ".perSecond") + " ("
                            + r.get("intake.PostgreSQL.c" + c + ".loadavg") + ")",
                    f(r, "intake.brief.c" + c + ".perSecond"),
                    ratio(r, "intake.H2.c" + c + ".perSecond", "intake.brief.c" + c + ".perSecond"),
                    goalT);
            row(
                    b,
                    "intake, concurrency " + c + ": p50 / p99 ms",
                    f(r, "intake.H2.c" + c + ".p50") + " / " + f(r, "intake.H2.c" + c + ".p99"),
                    f(r, "intake.PostgreSQL.c" + c + ".p50") + " / " + f(r, "intake.PostgreSQL.c" + c + ".p99"),
                    f(r, "intake.brief.c" + c + ".p50") + " / " + f(r, "intake.brief.c" + c + ".p99"),
                    ratio(r, "intake.H2.c" + c + ".p50", "intake.brief.c" + c + ".p50") + " / "
                            + ratio(r, "intake.H2.c" + c + ".p99", "intake.brief.c" + c + ".p99"),
                    goalP);
            row(
                    b,
                    "intake, concurrency " + c + ": Casegate CPU ms per submission (all its threads)",
                    f(r, "intake.H2.c" + c + ".cpuMsPerSubmission"),
                    f(r, "intake.PostgreSQL.c" + c + ".cpuMsPerSubmission"),
                    "",
                    "",
                    c == 32
                            ? String.format(
                                    Locale.ROOT,
                                    "2 idle cores ÷ this = %s / %s per s",
                                    f0(2000 / num(r, "intake.H2.c32.cpuMsPerSubmission")),
                                    f0(2000 / num(r, "intake.PostgreSQL.c32.cpuMsPerSubmission")))
                            : "");
            row(
                    b,
                    "intake, concurrency " + c + ": errors",
                    r.get("intake.H2.c" + c + ".errors"),
                    r.get("intake.PostgreSQL.c" + c + ".errors"),
                    r.get("intake.brief.c" + c + ".errors"),
                    "",
                    "");
        }
        // The fewest CRM calls, one after another, before a case number exists (docs/performance.md):
        // find contact, find organisation by INN, create organisation, contact, case; and for a
        // returning visitor find contact, create case.
        ttcRow(
                b,
                r,
                latency,
                "new",
                "new visitor",
                "intake.brief.c" + settings.firstLevel(),
                NEW_VISITOR_CALLS_TO_NUMBER);
        ttcRow(b, r, latency, "returning", "returning visitor", "brief.returning", RETURNING_VISITOR_CALLS_TO_NUMBER);
        row(
                b,
                "CRM calls per submission, new visitor (incl. logins)",
                f(r, "calls.new"),
                "",
                f(r, "brief.callsPerSubmission"),
                ratio(r, "calls.new", "brief.callsPerSubmission"),
                "");
        row(
                b,
                "CRM calls per submission, returning visitor (incl. logins)",
                f(r, "calls.returning"),
                "",
                f(r, "brief.returning.calls"),
                ratio(r, "calls.returning", "brief.returning.calls"),
                "");
        row(
                b,
                "logins per 1000 submissions",
                f(r, "casegate.loginsPer1000") + " (" + r.get("casegate.logins") + " in " + r.get("casegate.delivered")
                        + ")",
                "",
                f(r, "brief.loginsPer1000"),
                ratio(r, "casegate.loginsPer1000", "brief.loginsPer1000"),
                "no login beyond the first: " + verdict(num(r, "casegate.logins") <= 1));
        if (r.containsKey("memory.api200.peakGrowthMB")) {
            row(
                    b,
                    "heap, one 200 MB file through the API: peak used growth / peak old-gen growth / retained after GC (MB)",
                    r.get("memory.api200.peakGrowthMB") + " / " + r.get("memory.api200.peakOldGrowthMB") + " / "
                            + r.get("memory.api200.retainedAfterGcMB"),
                    "",
                    "",
                    "",
                    "< 64 MB: old-gen (live) " + verdict(num(r, "memory.api200.peakOldGrowthMB") < 64)
                            + "; peak used incl. young garbage " + verdict(num(r, "memory.api200.peakGrowthMB") < 64));
            row(
                    b,
                    "heap, one 200 MB file through the form (no JavaScript, one multipart POST): peak used growth / peak old-gen growth / retained after GC (MB)",
                    r.get("memory.form200.peakGrowthMB") + " / " + r.get("memory.form200.peakOldGrowthMB") + " / "
                            + r.get("memory.form200.retainedAfterGcMB"),
                    "",
                    "",
                    "",
                    "< 64 MB: old-gen (live) " + verdict(num(r, "memory.form200.peakOldGrowthMB") < 64)
                            + "; peak used incl. young garbage " + verdict(num(r, "memory.form200.peakGrowthMB") < 64));
            row(
                    b,
                    "heap, 32 × 10 MB at once through the API: peak used growth / peak old-gen growth / retained (MB)",
                    r.get("memory.api32x10.peakGrowthMB") + " / " + r.get("memory.api32x10.peakOldGrowthMB") + " / "
                            + r.get("memory.api32x10.retainedAfterGcMB"),
                    "",
                    "",
                    "",
                    "");
        }
        row(
                b,
                "delivery: sustained cases/s into the CRM (" + r.get("delivery.default.settings") + ")",
                f(r, "delivery.default.casesPerSecond"),
                "",
                f(r, "intake.brief.c32.perSecond") + " (its c=32 rate)",
                ratio(r, "delivery.default.casesPerSecond", "intake.brief.c32.perSecond"),
                "");
        if (r.containsKey("delivery.alt.casesPerSecond")) {
            row(
                    b,
                    "delivery: sustained cases/s (" + r.get("delivery.alt.settings") + ")",
                    f(r, "delivery.alt.casesPerSecond"),
                    "",
                    "",
                    ratio(r, "delivery.alt.casesPerSecond", "intake.brief.c32.perSecond"),
                    "");
        }
        return b.toString();
    }

    static final int NEW_VISITOR_CALLS_TO_NUMBER = 5;
    static final int RETURNING_VISITOR_CALLS_TO_NUMBER = 2;

    static void ttcRow(
            StringBuilder b, Map<String, Object> r, int latency, String kind, String label, String brief, int calls) {
        double goal = 1.3 * latency * calls;
        String h2 = "ttc." + kind;
        String pg = "ttc.PostgreSQL." + kind;
        row(
                b,
                "time to case number, " + label + ": p50 / p99 ms",
                f(r, h2 + ".p50") + " / " + f(r, h2 + ".p99"),
                f(r, pg + ".p50") + " / " + f(r, pg + ".p99"),
                f(r, brief + ".p50") + " / " + f(r, brief + ".p99"),
                ratio(r, h2 + ".p50", brief + ".p50") + " / " + ratio(r, h2 + ".p99", brief + ".p99"),
                String.format(
                        Locale.ROOT,
                        "≤ 1.3 × %d ms × %d = %.0f ms: p50 %s, p99 %s",
                        latency,
                        calls,
                        goal,
                        verdict(max(r, h2 + ".p50", pg + ".p50") <= goal),
                        verdict(max(r, h2 + ".p99", pg + ".p99") <= goal)));
    }

    static void row(StringBuilder b, Object... cells) {
        b.append("|");
        for (Object c : cells) {
            b.append(' ').append(c == null ? "–" : c).append(" |");
        }
        b.append('\n');
    }

    static double num(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The least of the figures measured (a database skipped has none); NaN if none was. */
    static double min(Map<String, Object> r, String... keys) {
        return measured(r, keys).min().orElse(Double.NaN);
    }

    static double max(Map<String, Object> r, String... keys) {
        return measured(r, keys).max().orElse(Double.NaN);
    }

    private static DoubleStream measured(Map<String, Object> r, String... keys) {
        return Arrays.stream(keys).filter(r::containsKey).mapToDouble(k -> num(r, k));
    }

    static String f(Map<String, Object> r, String key) {
        double v = num(r, key);
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String f0(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String ratio(Map<String, Object> r, String a, String b) {
        double x = num(r, a);
        double y = num(r, b);
        if (Double.isNaN(x) || Double.isNaN(y) || y == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, x / y < 0.1 ? "%.4f×" : "%.2f×", x / y);
    }

    static String verdict(boolean met) {
        return met ? "met" : "missed";
    }

    static String json(Map<String, Object> r) {
        StringBuilder b = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : r.entrySet()) {
            Object v = e.getValue();
            String value = v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))
                    ? String.valueOf(n)
                    : v instanceof Number
                            ? "null"
                            : "\"" + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            b.append("  \"").append(e.getKey()).append("\": ").append(value).append(++i < r.size() ? ",\n" : "\n");
        }
        return b.append("}\n").toString();
    }
}
