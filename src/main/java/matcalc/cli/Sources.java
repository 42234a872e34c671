package matcalc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reading an input file named on the command line ("-" is standard input). */
final class Sources {
    private Sources() {}

    static String read(String file, CommandSpec spec) {
        try {
            if (file.equals("-")) return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.charset.MalformedInputException) return "not UTF-8 text";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
