package matcalc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reading an input file named on the command line ("-" is standard input), and writing outputs. */
final class Sources {
    private Sources() {}

    static String read(String file, CommandSpec spec) {
        try {
            if (file.equals("-")) return utf8(System.in.readAllBytes());
            return read(path(file, spec), spec);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + reason(e));
        }
    }

    static String read(Path file, CommandSpec spec) {
        try {
            return utf8(Files.readAllBytes(file));
        } catch (IOException | OutOfMemoryError e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + reason(e));
        }
    }

    /** Strict UTF-8: a binary file is refused, not read as replacement characters. */
    private static String utf8(byte[] bytes) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    static Path path(String file, CommandSpec spec) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), "not a file name: '" + file.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** Writes an output file; a missing folder or a read-only place is bad input (exit 2), not a crash. */
    static void write(String file, byte[] bytes, CommandSpec spec) {
        Path p = path(file, spec);
        try {
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot write " + file + ": " + reason(e));
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() != null && Path.of(n.getFile()).getParent() != null && !Files.isDirectory(Path.of(n.getFile()).getParent())
                    ? "no such folder" : "no such file";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) return "not UTF-8 text";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        if (e instanceof OutOfMemoryError) return "too large";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
