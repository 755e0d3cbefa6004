package dev.bulwark.ai.learn;

/** A sparse row: the indices of its non-zero columns, ascending, and their values. */
public record Sparse(int[] index, double[] value) {
  public static final Sparse EMPTY = new Sparse(new int[0], new double[0]);

  public Sparse {
    if (index.length != value.length) {
      throw new IllegalArgumentException("index and value differ in length");
    }
  }
}
