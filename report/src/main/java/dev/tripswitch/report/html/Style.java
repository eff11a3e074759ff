package dev.tripswitch.report.html;

/** The report's stylesheet and its hover script, inlined into every page. */
final class Style {

    private Style() {
    }

    static final String CSS = """
            :root{--ink:#1d2330;--muted:#6b7280;--line:#e5e7eb;--bg:#f5f6f8;--card:#fff;--ok:#2f9e44;--bad:#e03131;\
            --warn:#f08c00;--closed:#d3f0dc;--open:#e5484d;--half:#f5a524}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 Inter,system-ui,-apple-system,"Segoe UI",\
            Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
            main{max-width:1280px;margin:0 auto;padding:28px 32px 48px}
            header .brand{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);font-weight:600}
            header .logo{vertical-align:-2px;margin-right:2px}
            h1{font-size:26px;margin:4px 0 2px;font-weight:650;letter-spacing:-.01em}
            h1 code{font-size:24px}
            h2{font-size:18px;margin:34px 0 6px;font-weight:650}
            h3{font-size:15px;margin:0 0 10px;font-weight:650}
            code{font-family:"JetBrains Mono",ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
            .meta,.lead,.muted{color:var(--muted)}
            .lead{margin:0 0 12px;max-width:900px}
            .small{font-size:12px;font-weight:400}
            .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin-top:20px}
            .card{background:var(--card);border-radius:10px;padding:14px 16px;box-shadow:0 1px 2px rgba(16,24,40,.06);\
            border-top:3px solid var(--line)}
            .card b{display:block;font-size:24px;font-weight:650;font-variant-numeric:tabular-nums}
            .card span{color:var(--muted);font-size:12.5px}
            .card.ok{border-top-color:var(--ok)}.card.bad{border-top-color:var(--bad)}.card.warn{border-top-color:var(--warn)}
            section>.scroll{background:var(--card);border-radius:10px;padding:8px 10px;box-shadow:0 1px 2px rgba(16,24,40,.06);\
            overflow-x:auto}
            .legend{display:flex;flex-wrap:wrap;align-items:center;gap:4px 16px;margin:0 0 10px;font-size:12.5px}
            .legend br{flex-basis:100%;content:"";height:0}
            .legend .group{font-weight:650;color:var(--muted);text-transform:uppercase;font-size:11px;letter-spacing:.06em;\
            width:48px}
            .key{display:inline-flex;align-items:center;gap:6px}.key b{font-variant-numeric:tabular-nums}
            .sw{display:inline-block;width:14px;height:10px;border-radius:2px}
            .sw.s-closed{background:var(--closed);border:1px solid #a9d8b8}.sw.s-open{background:var(--open)}
            .sw.s-half-open{background:var(--half)}
            .flag{width:0;height:0;border-left:5px solid transparent;border-right:5px solid transparent;\
            border-top:8px solid #7a1d1d;display:inline-block}
            .dia{width:8px;height:8px;background:#2f9e44;transform:rotate(45deg);display:inline-block;margin:0 2px}
            .dot{width:8px;height:8px;border-radius:50%;display:inline-block}.dot.ok{background:#2f9e44}
            .dot.bad{background:#fff;border:1.5px solid var(--bad)}
            svg text{font-family:inherit;font-size:11px;fill:#4b5563}
            svg .muted{fill:var(--muted)}
            svg .grid{stroke:#eef0f3;stroke-width:1}
            svg .sep{stroke:#d9dde3;stroke-width:1}
            .timeline .circuit-name{font-size:13px;font-weight:650;fill:var(--ink)}
            .timeline .jvm{font-size:11px;fill:var(--muted)}
            .timeline .lane{font-size:9.5px;fill:#9aa1ab}
            .timeline .cause{font-size:10.5px;fill:#7a1d1d;font-weight:600}
            .band.s-closed{fill:var(--closed)}.band.s-open{fill:var(--open)}.band.s-half-open{fill:var(--half)}
            .m{opacity:.85}.m:hover,.band:hover{opacity:1;stroke:#111;stroke-width:.6}
            .k-passed{fill:#2f9e44}.k-waited{fill:#f08c00}.k-replayed{fill:#1c7ed6}.k-failed-counted{fill:#e03131}
            .k-failed-not-counted{fill:#9c36b5}.k-aborted{fill:#495057}.k-skipped{fill:#adb5bd}.k-deferred{fill:#74c0fc}
            .wait{stroke:#f08c00;stroke-width:1;stroke-dasharray:2 2;opacity:.8}
            .probe-mark{stroke:#fff;stroke-width:1}.probe-mark.ok{fill:#2f9e44}.probe-mark.bad{fill:#e03131}
            .opening{fill:#7a1d1d}
            .health.ok{fill:#2f9e44;stroke:#fff}.health.bad{fill:#fff;stroke:var(--bad);stroke-width:1.5}
            article.circuit,article.trend{background:var(--card);border-radius:10px;padding:16px 18px;margin:12px 0;\
            box-shadow:0 1px 2px rgba(16,24,40,.06)}
            .state{font-size:11px;font-weight:600;padding:2px 8px;border-radius:10px;margin-left:6px;vertical-align:2px}
            .state.s-closed{background:var(--closed);color:#1b5e34}.state.s-open{background:#fde2e2;color:#9b1c1c}
            .state.s-half-open{background:#fdefd3;color:#8a5300}
            table{border-collapse:collapse;width:100%;font-size:13px}
            th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;border-bottom:1px solid var(--line);\
            padding:6px 8px}
            td{padding:6px 8px;border-bottom:1px solid #f0f1f3;vertical-align:top}
            table.counts td{border:0;padding:4px 14px 10px 0;width:auto}
            table.counts b{display:block;font-size:16px;font-variant-numeric:tabular-nums}
            table.counts span{font-size:11.5px;color:var(--muted);white-space:nowrap}
            table.counts{display:block;overflow-x:auto}
            td ul{margin:0;padding-left:16px}
            li.ok{color:#1b6e30}li.bad,span.bad{color:#b42318}
            .badge{background:#fff3bf;color:#8a5300;font-size:11px;font-weight:600;padding:1px 6px;border-radius:8px}
            details{margin-top:10px}summary{cursor:pointer;color:#374151;font-weight:600;font-size:13px}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:14px 18px}
            figure.chart{margin:0}figcaption{font-size:12.5px;font-weight:600;color:#374151;margin-bottom:4px}
            .chart .tick{font-size:10px;fill:#8b929c}.chart .now{fill:#fff4e0}.chart .hit{fill:transparent}
            .chart .hit:hover{fill:rgba(17,24,39,.06)}
            .keys{display:flex;flex-wrap:wrap;gap:2px 12px;font-size:11.5px;color:var(--muted)}
            .keys i{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:5px}
            .causes ol{list-style:none;margin:4px 0 0;padding:0;font-size:12.5px}
            .causes li{position:relative;padding:3px 6px;margin:2px 0;line-height:1.35}
            .causes .bar{position:absolute;left:0;top:0;bottom:0;background:#fde2e2;border-radius:3px;z-index:0}
            .causes li b,.causes li span:not(.bar){position:relative}
            table.runs tr.now td{background:#fff4e0}
            footer{margin-top:36px;color:var(--muted);font-size:12px}
            #tip{position:absolute;z-index:10;max-width:460px;background:#111827;color:#f9fafb;font-size:12px;\
            line-height:1.45;padding:8px 10px;border-radius:6px;white-space:pre-line;pointer-events:none;\
            box-shadow:0 4px 14px rgba(0,0,0,.25)}
            """;

    static final String SCRIPT = """
            (function(){var tip=document.getElementById('tip');
            document.addEventListener('mouseover',function(e){var t=e.target.closest?e.target.closest('[data-tip]'):null;
            if(!t){tip.hidden=true;return;}tip.textContent=t.getAttribute('data-tip');tip.hidden=false;});
            document.addEventListener('mousemove',function(e){if(tip.hidden)return;
            var x=e.pageX+14,w=tip.offsetWidth;if(x+w>window.scrollX+document.documentElement.clientWidth-8){x=e.pageX-w-14;}
            tip.style.left=x+'px';tip.style.top=(e.pageY+16)+'px';});})();
            """;
}
