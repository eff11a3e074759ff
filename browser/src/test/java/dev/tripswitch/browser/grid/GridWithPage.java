package dev.tripswitch.browser.grid;

import dev.tripswitch.TitlePageServer;

import java.util.List;

/**
 * What a Grid test class starts once: a {@link LocalGrid}, a page to open on it, and
 * {@code tripswitch.browser.remote} pointing at the Grid until {@link #close()} puts the property back.
 */
public final class GridWithPage implements AutoCloseable {

    private final LocalGrid grid;
    private final TitlePageServer page;
    private final String remoteBefore;

    private GridWithPage(LocalGrid grid, TitlePageServer page, String remoteBefore) {
        this.grid = grid;
        this.page = page;
        this.remoteBefore = remoteBefore;
    }

    public static GridWithPage start(int nodes, String title) throws Exception {
        return start(nodes, title, false);
    }

    /** {@code tagged}: see {@link LocalGrid#start(int, boolean)}. */
    public static GridWithPage start(int nodes, String title, boolean tagged) throws Exception {
        LocalGrid grid = LocalGrid.start(nodes, tagged);
        TitlePageServer page;
        try {
            page = TitlePageServer.start(title);
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
        String before = System.getProperty(GridSettings.REMOTE);
        System.setProperty(GridSettings.REMOTE, grid.address().toString());
        return new GridWithPage(grid, page, before);
    }

    public LocalGrid grid() {
        return grid;
    }

    public String pageUrl() {
        return page.url();
    }

    /** Every node as started: its browser works. */
    public void repairAll() throws Exception {
        for (LocalGrid.Node n : grid.nodes()) {
            grid.repairNode(n);
        }
    }

    /** The Grid's processes still alive after {@link #close()} (none, when it stopped them all). */
    public List<ProcessHandle> alive() {
        return grid.alive();
    }

    @Override
    public void close() throws Exception {
        if (remoteBefore == null) {
            System.clearProperty(GridSettings.REMOTE);
        } else {
            System.setProperty(GridSettings.REMOTE, remoteBefore);
        }
        try {
            page.close();
        } finally {
            grid.close();
        }
    }
}
