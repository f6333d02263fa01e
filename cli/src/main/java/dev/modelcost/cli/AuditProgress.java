package dev.modelcost.cli;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/** audit's progress: a me.tongfei progress bar redrawn on the command's err writer, or nothing. */
interface AuditProgress extends AutoCloseable {
    void step();

    @Override
    void close();

    static AuditProgress none() {
        return new AuditProgress() {
            @Override
            public void step() {}

            @Override
            public void close() {}
        };
    }

    /** A bar of {@code files} steps; each redraw returns to the start of the line, closing ends the line. */
    static AuditProgress bar(long files, PrintWriter err) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("audit")
                .setInitialMax(files)
                .setUnit(" files", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new DelegatingProgressBarConsumer(
                        line -> {
                            synchronized (err) {
                                err.print('\r');
                                err.print(line);
                                err.flush();
                            }
                        },
                        100))
                .build();
        return new AuditProgress() {
            @Override
            public void step() {
                bar.step();
            }

            @Override
            public void close() {
                bar.close();
                synchronized (err) {
                    err.println();
                    err.flush();
                }
            }
        };
    }
}
