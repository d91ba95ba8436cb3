package dev.tandem.net;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * keepalived's notify FIFO, opened as keepalived opens it: created if missing, then opened
 * read-write and non-blocking. Read-write, so the open never waits for a reader; non-blocking, so a
 * FIFO nobody reads can never hold up a notification: once the kernel's pipe buffer is full, lines
 * are dropped (write reports it) instead of waiting. Lines shorter than PIPE_BUF are written whole.
 */
public final class NotifyFifo implements AutoCloseable {
  /** The libc calls Java has no non-blocking equivalent for. */
  private interface LibC extends Library {
    int mkfifo(String path, int mode);

    int open(String path, int flags);

    long write(int fd, byte[] buffer, long count);

    int close(int fd);
  }

  private static final int O_RDWR = 2;
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;
  /** keepalived's S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH. */
  private static final int FIFO_MODE = 0644;
  private static final int EEXIST = 17;
  private static final LibC LIBC = Native.load("c", LibC.class);

  private final Path path;
  private int fd;

  private NotifyFifo(Path path, int fd) {
    this.path = path;
    this.fd = fd;
  }

  /** Opens (creating if need be) the FIFO at {@code path}; an existing file that is no FIFO is refused. */
  public static NotifyFifo open(Path path) throws IOException {
    if (LIBC.mkfifo(path.toString(), FIFO_MODE) != 0 && Native.getLastError() != EEXIST) {
      throw new IOException("cannot create notify FIFO " + path + ": errno " + Native.getLastError());
    }
    if (Files.isSymbolicLink(path) || !isFifo(path)) {
      throw new IOException("notify FIFO " + path + " exists and is not a FIFO");
    }
    int fd = LIBC.open(path.toString(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      throw new IOException("cannot open notify FIFO " + path + ": errno " + Native.getLastError());
    }
    return new NotifyFifo(path, fd);
  }

  private static boolean isFifo(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
  }

  /** Writes one line (a newline is added); false when it was dropped because nobody drains the FIFO. */
  public boolean write(String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    return fd >= 0 && LIBC.write(fd, bytes, bytes.length) == bytes.length;
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() {
    if (fd >= 0) {
      LIBC.close(fd);
      fd = -1;
    }
  }
}
