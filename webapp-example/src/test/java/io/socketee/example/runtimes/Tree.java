package io.socketee.example.runtimes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** File-tree chores of the runtime set-ups. */
final class Tree {
    private Tree() {
    }

    /** Copies the tree {@code from} into {@code to}, replacing what is there. */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Replaces each key of {@code replacements} in {@code file}; fails when one is missing (the file changed). */
    static void edit(Path file, Map<String, String> replacements) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            if (!text.contains(r.getKey())) {
                throw new IllegalStateException(file + " no longer contains " + r.getKey());
            }
            text = text.replace(r.getKey(), r.getValue());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Deletes the tree at {@code root} if it exists. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
