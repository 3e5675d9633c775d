package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenCountsTest {

    @Test
    void countsAreGroupedExactlyBelowTenThousandAndShortenedAbove() {
        assertEquals("0", TokenCounts.compact(0));
        assertEquals("9,876", TokenCounts.compact(9_876));
        assertEquals("12.4k", TokenCounts.compact(12_400));
        assertEquals("20k", TokenCounts.compact(20_000));
        assertEquals("124k", TokenCounts.compact(123_800));
        assertEquals("1.2M", TokenCounts.compact(1_240_000));
        assertEquals("12,400", TokenCounts.exact(12_400));
    }

    @Test
    void factorsDropATrailingZero() {
        assertEquals("10×", TokenCounts.times(10));
        assertEquals("2.4×", TokenCounts.times(2.44));
    }
}
