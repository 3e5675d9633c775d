package dev.ponder.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenEstimateTest {

    @Test
    void latinTextCountsAboutOneTokenPerThreeCharacters() {
        assertEquals(5, TokenEstimate.of("The warranty!")); // 13 chars
    }

    @Test
    void chineseCountsOneTokenPerCharacterAtLeast() {
        String zh = "安装中文字体";
        assertTrue(TokenEstimate.of(zh) >= zh.length());
    }
}
