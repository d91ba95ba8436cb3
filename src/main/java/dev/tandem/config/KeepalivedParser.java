package dev.tandem.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the statement tree of a keepalived.conf, following `include` (globs allowed, relative to
 * the including file) as keepalived does. Unbalanced braces are errors with file:line.
 */
final class KeepalivedParser {
  /** keepalived refuses deeper nesting too; it also stops include loops. */
  private static final int MAX_INCLUDE_DEPTH = 8;

  private final Problems problems;
  private final int depth;
  private final Path directory;
  private List<KeepalivedToken> tokens;
  private int next;

  private KeepalivedParser(Problems problems, int depth, Path directory) {
    this.problems = problems;
    this.depth = depth;
    this.directory = directory;
  }

  static List<KeepalivedStatement> parse(Path file, Problems problems) {
    return parseFile(file, new Origin(file.toString(), 0), problems, 0);
  }

  private static List<KeepalivedStatement> parseFile(Path file, Origin includedFrom, Problems problems, int depth) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.error(includedFrom, "(file)", Unreadable.message(file, e));
      return List.of();
    }
    Path parent = file.toAbsolutePath().getParent();
    KeepalivedParser parser = new KeepalivedParser(problems, depth, parent);
    parser.tokens = KeepalivedTokenizer.tokenize(text, file.toString(), problems);
    return parser.statements(Optional.empty());
  }

  /** Statements up to the '}' closing {@code opener}, or to the end of the file at the top. */
  private List<KeepalivedStatement> statements(Optional<KeepalivedStatement> opener) {
    List<KeepalivedStatement> statements = new ArrayList<>();
    while (true) {
      skipLineEnds();
      if (next >= tokens.size()) {
        opener.ifPresent(block -> problems.error(block.origin(), block.keyword(),
            "block `" + block.keyword() + "` is never closed: missing `}`"));
        return statements;
      }
      KeepalivedToken token = tokens.get(next++);
      if (token.kind() == KeepalivedToken.Kind.CLOSE) {
        if (opener.isPresent()) {
          return statements;
        }
        problems.error(token.origin(), "(syntax)", "unexpected `}`: no block is open here");
      } else if (token.kind() == KeepalivedToken.Kind.OPEN) {
        problems.error(token.origin(), "(syntax)", "unexpected `{`: a block must follow a keyword");
        statements(Optional.of(new KeepalivedStatement("{", List.of(), Optional.empty(), token.origin())));
      } else {
        statement(token, statements);
      }
    }
  }

  private void statement(KeepalivedToken keyword, List<KeepalivedStatement> into) {
    List<String> args = new ArrayList<>();
    while (next < tokens.size() && tokens.get(next).kind() == KeepalivedToken.Kind.WORD) {
      args.add(tokens.get(next++).text());
    }
    KeepalivedStatement head = new KeepalivedStatement(keyword.text(), List.copyOf(args), Optional.empty(), keyword.origin());
    if (opensBlock()) {
      next++;
      head = new KeepalivedStatement(head.keyword(), head.args(), Optional.of(statements(Optional.of(head))), head.origin());
    }
    if (head.keyword().equals("include")) {
      include(head, into);
    } else {
      into.add(head);
    }
  }

  /** A '{' on the same line, or alone at the start of the next one. */
  private boolean opensBlock() {
    int look = next;
    if (look < tokens.size() && tokens.get(look).kind() == KeepalivedToken.Kind.END_OF_LINE) {
      look++;
    }
    if (look < tokens.size() && tokens.get(look).kind() == KeepalivedToken.Kind.OPEN) {
      next = look;
      return true;
    }
    return false;
  }

  private void include(KeepalivedStatement include, List<KeepalivedStatement> into) {
    if (include.args().isEmpty()) {
      problems.error(include.origin(), "include", "missing value for `include`: a file name or glob");
      return;
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      problems.error(include.origin(), "include", "includes nested deeper than " + MAX_INCLUDE_DEPTH + " (a loop?)");
      return;
    }
    for (String pattern : include.args()) {
      List<Path> files = matches(directory.resolve(pattern), include.origin());
      if (files.isEmpty()) {
        problems.warning(include.origin(), "include", "no file matches `" + pattern + "`");
      }
      for (Path file : files) {
        into.addAll(parseFile(file, include.origin(), problems, depth + 1));
      }
    }
  }

  private List<Path> matches(Path pattern, Origin origin) {
    String name = pattern.getFileName().toString();
    if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
      return List.of(pattern);
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(pattern.getParent(), name)) {
      listing.forEach(found::add);
    } catch (IOException e) {
      problems.error(origin, "include", Unreadable.message(pattern.getParent(), e));
    }
    found.sort(null);
    return found;
  }

  private void skipLineEnds() {
    while (next < tokens.size() && tokens.get(next).kind() == KeepalivedToken.Kind.END_OF_LINE) {
      next++;
    }
  }
}
