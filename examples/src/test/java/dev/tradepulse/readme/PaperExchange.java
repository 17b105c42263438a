package dev.tradepulse.readme;

/** The quick start's exchange: a market that falls 1% a tick, so the bot's daily-loss limit halts it. */
public final class PaperExchange implements QuickStartBot.Exchange {

    private double price = 60_000;
    private double cash = 10_000;
    private double coins;

    @Override
    public synchronized double lastPrice(String symbol) {
        price *= 0.99;
        return price;
    }

    @Override
    public synchronized void buy(String symbol, double quantity) {
        if (cash >= quantity * price) {
            cash -= quantity * price;
            coins += quantity;
        }
    }

    @Override
    public synchronized double equity() {
        return cash + coins * price;
    }
}
