package io.casegate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The sandbox's packages depend on each other one way: the root package (servlet, registration,
 * wiring) on the feature packages, those on {@code state} and {@code http}. A cycle would make the
 * packages one tangle again, where no part can be read or changed on its own.
 */
class SandboxPackagesTest {

    private static final Path SANDBOX = Path.of("src/main/java/io/casegate/sandbox");
    private static final String ROOT = "io.casegate.sandbox";
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
    /** A sandbox package named in an import or inline; class names start with a capital, packages do not. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.casegate\\.sandbox((?:\\.[a-z]\\w*)*)\\b");

    @Test
    void noPackageIsInACycle() {
        Map<String, Set<String>> dependencies = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : dependencies.keySet()) {
            cycleThrough(start, start, dependencies, new ArrayList<>(List.of(start)), new TreeSet<>())
                    .ifPresent(cycle -> cycles.add(String.join(" -> ", cycle)));
        }
        assertEquals(List.of(), cycles, "dependencies: " + dependencies);
    }

    @Test
    void nothingImportsTheRootPackage() {
        List<String> importers = dependencies().entrySet().stream()
                .filter(entry -> entry.getValue().contains(ROOT))
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(List.of(), importers);
    }

    @Test
    void httpImportsNoOtherSandboxPackage() {
        assertEquals(Set.of(), dependencies().getOrDefault(ROOT + ".http", Set.of()));
    }

    private static Optional<List<String>> cycleThrough(
            String start,
            String current,
            Map<String, Set<String>> dependencies,
            List<String> path,
            Set<String> visited) {
        for (String next : dependencies.getOrDefault(current, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return Optional.of(cycle);
            }
            if (visited.add(next)) {
                path.add(next);
                Optional<List<String>> found = cycleThrough(start, next, dependencies, path, visited);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }

    /** For every sandbox package, the other sandbox packages its sources name. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SANDBOX)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declaration = PACKAGE.matcher(source);
                if (!declaration.find()) {
                    continue;
                }
                String own = declaration.group(1);
                Set<String> named = dependencies.computeIfAbsent(own, key -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(source.substring(declaration.end()));
                while (reference.find()) {
                    String other = ROOT + reference.group(1);
                    if (!other.equals(own)) {
                        named.add(other);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dependencies;
    }
}
