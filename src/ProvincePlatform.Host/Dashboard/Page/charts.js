// Small SVG charts of our own for the province dashboard: a horizontal (optionally stacked) bar chart and a chart
// of weeks with columns and a line. No library: the page is served under a strict Content-Security-Policy and the
// repository holds no third-party code. Everything is built with createElementNS and textContent, so no name from
// the data is ever parsed as markup. Each chart is an <svg role="img"> named by its <title> and summarised by its
// <desc>, followed by a visually hidden table of the same figures for screen readers; every bar, column and point
// carries data-label, data-series and data-value, which the browser tests read.

const SVG = "http://www.w3.org/2000/svg";

/**
 * The drawing's width in user units: the container's width in CSS pixels, so that 12 units of text are 12 pixels on a
 * phone and on a desktop alike (the page draws again when the width changes), within bounds that keep a chart legible.
 */
function widthOf(container) {
    return Math.min(1200, Math.max(300, Math.round(container.clientWidth || 640)));
}

/**
 * Draws horizontal bars, one per category, each a stack of the series' values.
 * @param {HTMLElement} container emptied and filled; gets data-ready="true" once drawn
 * @param {{title: string, description: string, categories: {label: string, values: Object<string, number>}[],
 *          series: {key: string, label: string, className: string}[], format: (value: number) => string,
 *          max?: number, empty?: string}} chart
 */
export function barChart(container, chart) {
    const { categories, series, format } = chart;
    reset(container);
    if (categories.length === 0) {
        return drawEmpty(container, chart);
    }

    const width = widthOf(container);
    const labelWidth = Math.round(Math.min(180, Math.max(130, width * 0.3)));
    const valueWidth = width < 500 ? 40 : 56;
    const rowHeight = 24;
    const barHeight = 15;
    const axisHeight = 22;
    const top = 6;
    const plotWidth = width - labelWidth - valueWidth;
    const height = top + categories.length * rowHeight + axisHeight;
    const totals = categories.map(category => series.reduce((sum, s) => sum + (category.values[s.key] ?? 0), 0));
    const scale = niceScale(chart.max ?? Math.max(0, ...totals));
    const x = value => labelWidth + (value / scale.top) * plotWidth;

    const svg = svgRoot(container, chart, width, height);
    const grid = element(svg, "g", { class: "grid" });
    for (const tick of scale.ticks) {
        element(grid, "line", { x1: x(tick), x2: x(tick), y1: top, y2: height - axisHeight });
        text(grid, format(tick), { x: x(tick), y: height - 6, class: "tick", "text-anchor": "middle" });
    }

    categories.forEach((category, row) => {
        const y = top + row * rowHeight;
        const group = element(svg, "g", { class: "category" });
        text(group, category.label, { x: labelWidth - 8, y: y + barHeight - 3, class: "category-label", "text-anchor": "end" });
        let start = 0;
        for (const s of series) {
            const value = category.values[s.key] ?? 0;
            const bar = element(group, "rect", {
                class: `bar ${s.className}`,
                x: x(start),
                y,
                width: Math.max(0, x(start + value) - x(start)),
                height: barHeight,
                "data-label": category.label,
                "data-series": s.key,
                "data-value": String(value),
            });
            text(bar, `${category.label}, ${s.label}: ${format(value)}`, {}, "title");
            start += value;
        }
        text(group, format(totals[row]), { x: x(start) + 6, y: y + barHeight - 3, class: "value" });
    });

    drawLegend(container, series);
    drawTable(container, chart.title, categories.map(c => ({ label: c.label, values: c.values })), series, format);
    container.dataset.ready = "true";
}

/**
 * Draws weeks along the x axis: columns for one series and a line with points for another, on one scale.
 * @param {HTMLElement} container emptied and filled; gets data-ready="true" once drawn
 * @param {{title: string, description: string, weeks: {label: string, shortLabel: string, values: Object<string, number>}[],
 *          columns: {key: string, label: string, className: string}, line: {key: string, label: string, className: string},
 *          format: (value: number) => string, empty?: string}} chart
 */
export function weekChart(container, chart) {
    const { weeks, columns, line, format } = chart;
    reset(container);
    if (weeks.length === 0) {
        return drawEmpty(container, chart);
    }

    const width = widthOf(container);
    const left = 44;
    const right = 12;
    const top = 12;
    const bottom = 30;
    const height = Math.round(Math.min(300, Math.max(200, width * 0.4)));
    const plotWidth = width - left - right;
    const plotHeight = height - top - bottom;
    const band = plotWidth / weeks.length;
    const scale = niceScale(Math.max(0, ...weeks.flatMap(week => [week.values[columns.key] ?? 0, week.values[line.key] ?? 0])));
    const y = value => top + plotHeight - (value / scale.top) * plotHeight;
    const centre = index => left + band * (index + 0.5);
    // Every week has a column, but only as many are named under the axis as fit (about 48 pixels a name).
    const labelEvery = Math.ceil(weeks.length / Math.max(1, Math.floor(plotWidth / 48)));

    const svg = svgRoot(container, chart, width, height);
    const grid = element(svg, "g", { class: "grid" });
    for (const tick of scale.ticks) {
        element(grid, "line", { x1: left, x2: width - right, y1: y(tick), y2: y(tick) });
        text(grid, format(tick), { x: left - 6, y: y(tick) + 4, class: "tick", "text-anchor": "end" });
    }

    const bars = element(svg, "g", { class: `columns ${columns.className}` });
    weeks.forEach((week, index) => {
        const value = week.values[columns.key] ?? 0;
        const column = element(bars, "rect", {
            class: "bar",
            x: centre(index) - band * 0.3,
            y: y(value),
            width: band * 0.6,
            height: y(0) - y(value),
            "data-label": week.label,
            "data-series": columns.key,
            "data-value": String(value),
        });
        text(column, `${week.label}, ${columns.label}: ${format(value)}`, {}, "title");
        if (index % labelEvery === 0) {
            text(svg, week.shortLabel, { x: centre(index), y: height - 10, class: "tick", "text-anchor": "middle" });
        }
    });

    const series = element(svg, "g", { class: `line ${line.className}` });
    element(series, "polyline", {
        points: weeks.map((week, index) => `${centre(index)},${y(week.values[line.key] ?? 0)}`).join(" "),
    });
    weeks.forEach((week, index) => {
        const value = week.values[line.key] ?? 0;
        const point = element(series, "circle", {
            class: "point",
            cx: centre(index),
            cy: y(value),
            r: 4,
            "data-label": week.label,
            "data-series": line.key,
            "data-value": String(value),
        });
        text(point, `${week.label}, ${line.label}: ${format(value)}`, {}, "title");
    });

    drawLegend(container, [columns, line]);
    drawTable(container, chart.title, weeks, [columns, line], format);
    container.dataset.ready = "true";
}

/** Empties a chart's container and marks it not ready, before it is drawn again or cleared. */
export function reset(container) {
    container.replaceChildren();
    delete container.dataset.ready;
}

function drawEmpty(container, chart) {
    const note = document.createElement("p");
    note.className = "empty";
    note.textContent = chart.empty ?? "Không có số liệu / No figures";
    container.append(note);
    container.dataset.ready = "true";
}

function svgRoot(container, chart, width, height) {
    const id = container.id || "chart";
    const svg = document.createElementNS(SVG, "svg");
    attributes(svg, {
        viewBox: `0 0 ${width} ${height}`,
        role: "img",
        "aria-labelledby": `${id}-title ${id}-desc`,
        preserveAspectRatio: "xMinYMin meet",
    });
    text(svg, chart.title, { id: `${id}-title` }, "title");
    text(svg, chart.description, { id: `${id}-desc` }, "desc");
    container.append(svg);
    return svg;
}

function drawLegend(container, series) {
    const legend = document.createElement("ul");
    legend.className = "legend";
    legend.setAttribute("aria-hidden", "true");
    for (const s of series) {
        const item = document.createElement("li");
        const swatch = document.createElement("span");
        swatch.className = `swatch ${s.className}`;
        item.append(swatch, document.createTextNode(s.label));
        legend.append(item);
    }
    container.append(legend);
}

/** The chart's figures as a table that only screen readers see. */
function drawTable(container, title, rows, series, format) {
    // Hidden through a wrapper: a table keeps its content's width whatever width it is given, and would widen the page.
    const wrapper = document.createElement("div");
    wrapper.className = "visually-hidden";
    const table = document.createElement("table");
    const caption = table.createCaption();
    caption.textContent = title;
    const head = table.createTHead().insertRow();
    head.append(headerCell("", "col"), ...series.map(s => headerCell(s.label, "col")));
    const body = table.createTBody();
    for (const row of rows) {
        const tr = body.insertRow();
        tr.append(headerCell(row.label, "row"));
        for (const s of series) {
            tr.insertCell().textContent = format(row.values[s.key] ?? 0);
        }
    }
    wrapper.append(table);
    container.append(wrapper);
}

function headerCell(content, scope) {
    const th = document.createElement("th");
    th.scope = scope;
    th.textContent = content;
    return th;
}

/**
 * An axis from 0 to a round number at or above max, in four or five steps of 1, 2 or 5 times a power of ten; never
 * a step below 1, since every figure drawn is a count or a whole percentage.
 */
export function niceScale(max) {
    const raw = Math.max(max, 1) / 4;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = Math.max(1, [1, 2, 5, 10].map(f => f * power).find(candidate => candidate >= raw));
    const top = Math.max(step, Math.ceil(max / step) * step);
    const ticks = [];
    for (let tick = 0; tick <= top + step / 2; tick += step) {
        ticks.push(tick);
    }
    return { top, ticks };
}

function element(parent, name, attrs) {
    const node = document.createElementNS(SVG, name);
    attributes(node, attrs);
    parent.append(node);
    return node;
}

function text(parent, content, attrs, name = "text") {
    const node = element(parent, name, attrs);
    node.textContent = content;
    return node;
}

function attributes(node, attrs) {
    for (const [name, value] of Object.entries(attrs)) {
        node.setAttribute(name, String(value));
    }
}
