package io.voiceplatform.tools.validate;

/** The least-squares slope of y over x: how fast a measurement grows (or shrinks) during a run. */
public final class Slope {
    private Slope() {
    }

    /** Null when there are fewer than two points or every x is the same. */
    public static Double of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int n = x.length;
        if (n < 2) {
            return null;
        }
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            variance += (x[i] - meanX) * (x[i] - meanX);
        }
        return variance == 0 ? null : covariance / variance;
    }
}
