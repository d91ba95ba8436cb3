package dev.tandem.bench;

import java.util.Set;

/** A lab set-up and what is done in it; it runs once per daemon and records the figures it yields. */
interface Scenario {
  String name();

  /** The figures this scenario measures: it runs when any of them is selected. */
  Set<Figure> figures();

  void run(Daemon daemon, Results results);
}
