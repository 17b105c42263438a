package dev.tradepulse.examples.spring;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bot's read-only REST view: {@code GET /bot/strategies} and {@code GET /bot/strategies/{name}}
 * show each strategy's trading state, equity, position, the orders its gate let through and
 * refused, and why the kill switch halted it. Thread-safe (it only reads the loop's views).
 */
@RestController
@RequestMapping("/bot/strategies")
public class BotController {

    private final TradingLoop loop;

    /**
     * @param loop the trading loop whose traders are shown
     */
    public BotController(TradingLoop loop) {
        this.loop = loop;
    }

    /** @return every strategy's view */
    @GetMapping
    public List<StrategyView> strategies() {
        return loop.traders();
    }

    /**
     * @param name a strategy's name
     * @return its view, or 404 if the bot has no such strategy
     */
    @GetMapping("/{name}")
    public ResponseEntity<StrategyView> strategy(@PathVariable("name") String name) {
        return ResponseEntity.of(loop.trader(name));
    }
}
