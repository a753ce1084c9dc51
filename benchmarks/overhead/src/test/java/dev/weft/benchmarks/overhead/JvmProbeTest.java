package dev.weft.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JvmProbeTest {

  /** The head of a JDK 17 {@code VM.native_memory summary}, most categories cut. */
  private static final String SUMMARY = """
      Native Memory Tracking:

      (Omitting categories weighting less than 1KB)

      Total: reserved=7962882KB, committed=535342KB
             malloc: 41402KB #528084
             mmap:   reserved=7921480KB, committed=493940KB

      -                 Java Heap (reserved=6172672KB, committed=303104KB)
                                  (mmap: reserved=6172672KB, committed=303104KB)

      -                     Class (reserved=1051151KB, committed=14543KB)
                                  (classes #18236)
                                  (  Metadata:   )
                                  (    reserved=131072KB, committed=75648KB)

      -                      Code (reserved=253979KB, committed=46194KB)
                                  (malloc=6291KB #21807)

      -                        GC (reserved=344453KB, committed=50322KB)

      -                  Compiler (reserved=119342KB, committed=119342KB)

      -               Arena Chunk (reserved=272KB, committed=272KB)

      -    Native Memory Tracking (reserved=8352KB, committed=8352KB)

      -                 Metaspace (reserved=132169KB, committed=76266KB)
      """;

  @Test
  void nativeMemoryOutsideHeap_sumsTheCategoriesAnAgentGrows() {
    // Class, Code and Metaspace; not the heap, the collector, the compilers, the arenas or the
    // tracking itself, and not the metadata line inside Class (Metaspace is its own category).
    assertEquals((14543L + 46194 + 76266) * 1024, JvmProbe.nativeMemoryOutsideHeap(SUMMARY));
  }

  @Test
  void nativeMemoryOutsideHeap_withoutTracking_isUnknown() {
    assertEquals(-1, JvmProbe.nativeMemoryOutsideHeap("Native memory tracking is not enabled\n"));
  }
}
