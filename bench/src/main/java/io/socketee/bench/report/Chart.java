package io.socketee.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The PNG chart of RESULTS.md, drawn with plain Java2D (no plotting package needed): grouped bars per panel. */
final class Chart {
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0x17becf), new Color(0x7f7f7f), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b)};
    /** Each known server keeps its colour whichever others are in the run; the raw references in greys. */
    private static final java.util.Map<String, Color> IMPL_COLORS = java.util.Map.of(
            "jetty", new Color(0x1f77b4), "tomcat", new Color(0x17becf), "raw", new Color(0x7f7f7f),
            "rawtomcat", new Color(0xc7c7c7), "node", new Color(0x2ca02c), "netty", new Color(0xd62728));

    private static Color color(List<String> impls, int index) {
        return IMPL_COLORS.getOrDefault(impls.get(index), COLORS[(index + 5) % COLORS.length]);
    }

    record Panel(String title, String scenario, String metric, double scale) {
    }

    private static final List<Panel> PANELS = List.of(
            new Panel("B echo+ack over WebSocket: acks/s (higher is better)", "B", "acks_per_s", 1),
            new Panel("B echo+ack: server CPU µs per message (lower is better)", "B", "server_cpu_per_msg", 1),
            new Panel("C broadcast: deliveries/s (higher is better)", "C", "deliveries_per_s", 1),
            new Panel("C broadcast: server CPU µs per delivery (lower is better)", "C", "server_cpu_per_delivery", 1),
            new Panel("A heap after GC per connection, KiB (lower is better)", "A", "heap_per_conn", 1 / 1024.0),
            new Panel("D long-polling echo+ack: acks/s (higher is better)", "D", "acks_per_s", 1));

    private Chart() {
    }

    static void write(Report.Data data, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int cols = 2;
        int rows = (PANELS.size() + cols - 1) / cols;
        int pw = 720;
        int ph = 330;
        int top = 70;
        BufferedImage image = new BufferedImage(cols * pw, top + rows * ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        List<String> impls = data.implsInOrder();

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        String title = "Socketee benchmarks: " + data.meta.getOrDefault("date", "")
                + (data.meta.containsKey("mode") ? ", " + data.meta.get("mode") + " mode" : "")
                + (data.meta.getOrDefault("note", "").startsWith("PROVISIONAL") ? " (provisional: shared machine)" : "")
                + "; server on 1 core";
        g.drawString(title, 16, 28);
        // legend
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int x = 16;
        for (int i = 0; i < impls.size(); i++) {
            g.setColor(color(impls, i));
            g.fillRect(x, 42, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(impls.get(i), x + 20, 54);
            x += 40 + g.getFontMetrics().stringWidth(impls.get(i));
        }

        for (int p = 0; p < PANELS.size(); p++) {
            drawPanel(g, data, impls, PANELS.get(p), (p % cols) * pw, top + (p / cols) * ph, pw, ph);
        }
        g.dispose();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void drawPanel(Graphics2D g, Report.Data data, List<String> impls, Panel panel, int x0, int y0,
                                  int w, int h) {
        int left = x0 + 70;
        int right = x0 + w - 20;
        int top = y0 + 36;
        int bottom = y0 + h - 46;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title(), x0 + 16, y0 + 20);
        List<String> variants = data.variants(panel.scenario(), panel.metric());
        if (variants.isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 13));
            g.drawString("not measured in this run", left + 10, (top + bottom) / 2);
            return;
        }
        double max = 0;
        for (String v : variants) {
            for (String i : impls) {
                Double value = data.get(i, panel.scenario(), v, panel.metric());
                if (value != null) {
                    max = Math.max(max, value * panel.scale());
                }
            }
        }
        double step = niceStep(max <= 0 ? 1 : max / 5);
        double axisMax = Math.max(step, Math.ceil(max / step) * step);
        // grid and axis labels
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (double t = 0; t <= axisMax + step / 2; t += step) {
            int y = bottom - (int) Math.round((bottom - top) * t / axisMax);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            String label = Report.format(t);
            g.drawString(label, left - 6 - fm.stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        int groupWidth = (right - left) / variants.size();
        int barWidth = Math.max(4, (int) ((groupWidth * 0.8) / impls.size()));
        for (int vi = 0; vi < variants.size(); vi++) {
            String variant = variants.get(vi);
            int gx = left + vi * groupWidth + (int) (groupWidth * 0.1);
            for (int ii = 0; ii < impls.size(); ii++) {
                Double value = data.get(impls.get(ii), panel.scenario(), variant, panel.metric());
                int bx = gx + ii * barWidth;
                if (value == null) {
                    continue;
                }
                double v = value * panel.scale();
                int bh = (int) Math.round((bottom - top) * v / axisMax);
                g.setColor(color(impls, ii));
                g.fillRect(bx, bottom - bh, barWidth - 2, bh);
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
                String label = shortNumber(v);
                int lw = g.getFontMetrics().stringWidth(label);
                g.drawString(label, bx + (barWidth - 2 - lw) / 2, bottom - bh - 3);
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int lw = g.getFontMetrics().stringWidth(variant);
            g.drawString(variant, left + vi * groupWidth + (groupWidth - lw) / 2, bottom + 18);
        }
    }

    private static String shortNumber(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double niceStep(double raw) {
        double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / exp;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * exp;
    }
}
