// The province dashboard: reads GET /api/v1/province/rollout and GET /api/v1/province/stats with the key the person
// typed, and shows them as cards, charts and a table. The key lives in sessionStorage only (gone with the tab, never in
// a URL or a cookie). Every figure and name is put in with textContent: nothing from the API is parsed as markup.

import { barChart, reset, weekChart } from "./charts.js";

const KEY_STORAGE = "provinceplatform.dashboard.apiKey";
const KEY_HEADER = "X-Api-Key";
const ROLLOUT_URL = "/api/v1/province/rollout";
const STATS_URL = "/api/v1/province/stats";

const STAGES = [
    { key: "notStarted", vi: "Chưa triển khai", en: "Not started" },
    { key: "preparing", vi: "Đang chuẩn bị", en: "Preparing" },
    { key: "piloting", vi: "Thí điểm", en: "Piloting" },
    { key: "active", vi: "Đang hoạt động", en: "Active" },
    { key: "paused", vi: "Tạm dừng", en: "Paused" },
];

const FIGURES = [
    { key: "citizensGuided", vi: "Công dân được hướng dẫn", en: "Citizens guided" },
    { key: "bookings", vi: "Lượt đặt lịch", en: "Bookings" },
    { key: "checkIns", vi: "Lượt có mặt theo lịch", en: "Check-ins" },
    { key: "walkIns", vi: "Lượt đến trực tiếp", en: "Walk-ins" },
    { key: "noShows", vi: "Lượt vắng mặt", en: "No-shows" },
    { key: "requestsFiledOnline", vi: "Hồ sơ đã nộp trực tuyến", en: "Requests filed online" },
];

const numbers = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const percents = new Intl.NumberFormat("vi-VN", { style: "percent", maximumFractionDigits: 1 });

const $ = id => document.getElementById(id);

/** What the page shows now: the last answers, so that the CSV buttons ask for the same range. */
const state = { rollout: null, stats: null, load: 0, downloadUrl: null };

/** A refusal or failure of the API, with the problem document's words when it sent one. */
class ApiError extends Error {
    constructor(status, title, detail) {
        super(title);
        this.status = status;
        this.detail = detail;
    }
}

// A module script runs once the document is parsed, so every element is there.
start();

function start() {
    $("key-form").addEventListener("submit", event => {
        event.preventDefault();
        const key = $("api-key").value.trim();
        $("api-key").value = "";
        if (key === "") {
            return say("Hãy nhập khóa API. / Enter an API key.", "error");
        }
        sessionStorage.setItem(KEY_STORAGE, key);
        showSignedIn(true);
        load();
    });
    $("sign-out").addEventListener("click", () => {
        forgetKey();
        say("Đã quên khóa trong thẻ này. / The key is forgotten in this tab.");
    });
    $("range-form").addEventListener("submit", event => {
        event.preventDefault();
        if (storedKey() === null) {
            return say("Hãy nhập khóa API trước. / Enter an API key first.", "error");
        }
        load();
    });
    $("rollout-filter").addEventListener("input", filterTable);
    $("download-rollout").addEventListener("click", () => download(ROLLOUT_URL, "rollout.csv"));
    $("download-stats").addEventListener("click", () => {
        const { from, to } = state.stats;
        download(`${STATS_URL}?${new URLSearchParams({ from, to })}`, `stats-province-${from}-${to}.csv`);
    });

    // The charts are drawn to the pixel width of their panels: draw them again when the window's width changes
    // (a phone turned, a window resized), once per frame at most.
    let redraw = 0;
    window.addEventListener("resize", () => {
        cancelAnimationFrame(redraw);
        redraw = requestAnimationFrame(() => {
            if (state.rollout !== null && state.stats !== null) {
                renderCharts(state.rollout, state.stats);
            }
        });
    });

    if (storedKey() !== null) {
        showSignedIn(true);
        load();
    } else {
        showSignedIn(false);
    }
}

function storedKey() {
    return sessionStorage.getItem(KEY_STORAGE);
}

function showSignedIn(signedIn) {
    $("key-form").hidden = signedIn;
    $("signed-in").hidden = !signedIn;
    if (!signedIn) {
        $("api-key").focus();
    }
}

function forgetKey() {
    sessionStorage.removeItem(KEY_STORAGE);
    clearData();
    showSignedIn(false);
}

/** Reads both answers for the range in the date fields (or the API's default range when both are empty). */
async function load() {
    const query = rangeQuery();
    if (query === null) {
        return;
    }

    const ticket = ++state.load;
    say("Đang tải số liệu… / Loading figures…");
    for (const id of ["chart-rollout", "chart-weekly", "chart-utilisation"]) {
        delete $(id).dataset.ready;
    }

    try {
        const [rollout, stats] = await Promise.all([getJson(ROLLOUT_URL), getJson(STATS_URL + query)]);
        if (ticket !== state.load) {
            return; // A later load (another click on Refresh) has started; its answers win.
        }
        state.rollout = rollout;
        state.stats = stats;
        render(rollout, stats);
        say(`Số liệu từ ${displayDate(stats.from)} đến ${displayDate(stats.to)}. / Figures from ${displayDate(stats.from)} to ${displayDate(stats.to)}.`);
    } catch (error) {
        if (ticket === state.load) {
            refused(error);
        }
    }
}

/** The query string for the date fields, "" for the API's default, or null (with a message) when one is wrong. */
function rangeQuery() {
    const fromText = $("from").value.trim();
    const toText = $("to").value.trim();
    if (fromText === "" && toText === "") {
        return "";
    }

    const from = isoDate(fromText);
    const to = isoDate(toText);
    if (from === null || to === null) {
        say("Ngày phải có dạng dd/mm/yyyy, ví dụ 29/11/2026. / Dates are dd/mm/yyyy, such as 29/11/2026.", "error");
        return null;
    }
    return `?${new URLSearchParams({ from, to })}`;
}

async function getJson(url) {
    const response = await send(url, "application/json");
    return response.json();
}

async function send(url, accept) {
    const key = storedKey();
    if (key === null) {
        throw new ApiError(401, "", "");
    }

    let response;
    try {
        response = await fetch(url, { headers: { [KEY_HEADER]: key, Accept: accept }, cache: "no-store" });
    } catch {
        throw new ApiError(0, "Không kết nối được máy chủ. / The server cannot be reached.", "");
    }
    if (!response.ok) {
        let problem = {};
        try {
            problem = await response.json();
        } catch {
            // Not a problem document (a proxy's page, say): the status alone is shown.
        }
        throw new ApiError(response.status, problem.title ?? `HTTP ${response.status}`, problem.detail ?? "");
    }
    return response;
}

/** Shows why the API said no; a key that was refused is forgotten, so that the next one can be typed. */
function refused(error) {
    if (!(error instanceof ApiError)) {
        clearData();
        return say(`Lỗi không mong đợi / Unexpected error: ${error}`, "error");
    }

    if (error.status === 401) {
        forgetKey();
        return say("Khóa API không đúng hoặc chưa được cấp (401). / The API key is not known (401).", "error");
    }
    if (error.status === 403) {
        forgetKey();
        return say("Khóa API này không được xem số liệu toàn tỉnh (403): cần vai trò ProvinceAdmin hoặc Ops. "
            + "/ This API key may not read the province figures (403): it needs the ProvinceAdmin or Ops role.", "error");
    }
    clearData();
    say([error.message, error.detail].filter(part => part).join(" "), "error");
}

function say(message, kind = "info") {
    const status = $("status");
    status.textContent = message;
    status.dataset.kind = kind;
}

function clearData() {
    state.rollout = null;
    state.stats = null;
    state.load++;
    $("summary").replaceChildren();
    for (const id of ["chart-rollout", "chart-weekly", "chart-utilisation"]) {
        reset($(id));
    }
    $("rollout-table").tBodies[0].replaceChildren();
    $("rollout-count").textContent = "";
    $("download-rollout").disabled = true;
    $("download-stats").disabled = true;
    if (state.downloadUrl !== null) {
        URL.revokeObjectURL(state.downloadUrl);
        state.downloadUrl = null;
    }
}

function render(rollout, stats) {
    $("from").value = displayDate(stats.from);
    $("to").value = displayDate(stats.to);
    renderSummary(rollout, stats);
    renderCharts(rollout, stats);
    renderTable(rollout);
    $("download-rollout").disabled = false;
    $("download-stats").disabled = false;
}

function renderCharts(rollout, stats) {
    renderRolloutChart(rollout);
    renderWeeklyChart(stats);
    renderUtilisationChart(stats);
}

function renderSummary(rollout, stats) {
    const cards = [
        ...STAGES.map(stage => ({
            key: `stage-${stage.key}`,
            vi: `Xã: ${stage.vi.toLowerCase()}`,
            en: `Communes: ${stage.en.toLowerCase()}`,
            value: rollout.stages[stage.key] ?? 0,
            text: numbers.format(rollout.stages[stage.key] ?? 0),
        })),
        { key: "helpPoints", vi: "Điểm hỗ trợ", en: "Help points", value: rollout.helpPointCount, text: numbers.format(rollout.helpPointCount) },
        ...FIGURES.map(figure => ({ ...figure, value: stats[figure.key], text: numbers.format(stats[figure.key]) })),
        {
            key: "onlineShareAfterGuidance",
            vi: "Tỷ lệ nộp trực tuyến sau hướng dẫn",
            en: "Filed online after guidance",
            value: stats.onlineShareAfterGuidance ?? "",
            text: stats.onlineShareAfterGuidance == null ? "—" : percents.format(stats.onlineShareAfterGuidance),
        },
    ];

    $("summary").replaceChildren(...cards.map(card => {
        const item = document.createElement("div");
        item.className = "card";
        item.dataset.figure = card.key;
        const term = document.createElement("dt");
        term.append(document.createTextNode(card.vi), english(card.en));
        const value = document.createElement("dd");
        value.dataset.value = String(card.value);
        value.textContent = card.text;
        item.append(term, value);
        return item;
    }));
}

function renderRolloutChart(rollout) {
    const series = STAGES.map(stage => ({ key: stage.key, label: `${stage.vi} / ${stage.en}`, className: `stage-${stage.key}` }));
    const started = rollout.districts.filter(d => (d.stages.notStarted ?? 0) < d.communeCount).length;
    barChart($("chart-rollout"), {
        title: "Triển khai theo huyện / Rollout by district",
        description: `Số xã của mỗi huyện theo giai đoạn triển khai; ${started} trên ${rollout.districts.length} huyện đã bắt đầu. `
            + `/ Communes of each district by rollout stage; ${started} of ${rollout.districts.length} districts have started.`,
        categories: rollout.districts.map(district => ({ label: district.name, values: district.stages })),
        series,
        format: value => numbers.format(value),
        empty: "Chưa có huyện nào / No districts",
    });
}

function renderWeeklyChart(stats) {
    const totalGuided = stats.weeks.reduce((sum, week) => sum + week.citizensGuided, 0);
    const totalOnline = stats.weeks.reduce((sum, week) => sum + week.requestsFiledOnline, 0);
    weekChart($("chart-weekly"), {
        title: "Công dân được hướng dẫn và hồ sơ trực tuyến theo tuần / Citizens guided and online dossiers by week",
        description: `${stats.weeks.length} tuần từ ${displayDate(stats.from)}: ${numbers.format(totalGuided)} công dân được hướng dẫn, `
            + `${numbers.format(totalOnline)} hồ sơ nộp trực tuyến. / ${stats.weeks.length} weeks from ${displayDate(stats.from)}: `
            + `${numbers.format(totalGuided)} citizens guided, ${numbers.format(totalOnline)} requests filed online.`,
        weeks: stats.weeks.map(week => ({
            label: displayDate(week.weekStart),
            shortLabel: displayDate(week.weekStart).slice(0, 5),
            values: week,
        })),
        columns: { key: "citizensGuided", label: "Công dân được hướng dẫn / Citizens guided", className: "series-guided" },
        line: { key: "requestsFiledOnline", label: "Hồ sơ nộp trực tuyến / Requests filed online", className: "series-online" },
        format: value => numbers.format(value),
        empty: "Không có tuần nào trong khoảng này / No weeks in this range",
    });
}

function renderUtilisationChart(stats) {
    // Only districts with a session that has ended have a utilisation; the others would be bars of nothing.
    const districts = stats.districts.filter(district => district.utilisation != null);
    barChart($("chart-utilisation"), {
        title: "Hiệu suất sử dụng điểm hỗ trợ / Help point utilisation",
        description: "Chỗ đã dùng trên chỗ đã mở, theo huyện, trong các buổi đã kết thúc. "
            + "/ Seats used of seats offered, by district, over sessions that have ended.",
        categories: districts.map(district => ({
            label: district.name,
            values: { utilisation: Math.round(district.utilisation * 1000) / 10 },
        })),
        series: [{ key: "utilisation", label: "Hiệu suất / Utilisation (%)", className: "series-utilisation" }],
        format: value => `${numbers.format(value)} %`,
        max: 100,
        empty: "Chưa có buổi nào kết thúc trong khoảng này / No session has ended in this range",
    });
}

function renderTable(rollout) {
    const rows = rollout.communes.map(commune => {
        const stage = STAGES.find(s => s.key === commune.stage) ?? { key: commune.stage, vi: commune.stage, en: commune.stage };
        const row = document.createElement("tr");
        row.dataset.commune = commune.code;
        row.dataset.search = searchable(
            [commune.districtName, commune.code, commune.name, stage.vi, stage.en].join(" "));
        cell(row, commune.districtName);
        cell(row, commune.code);
        cell(row, commune.name);
        const stageCell = cell(row, stage.vi);
        stageCell.dataset.stage = stage.key;
        stageCell.className = "stage";
        stageCell.append(english(stage.en));
        cell(row, commune.since ? displayDate(commune.since.slice(0, 10)) : "—").className = "since";
        cell(row, numbers.format(commune.helpPointCount)).className = "number help-points";
        return row;
    });
    $("rollout-table").tBodies[0].replaceChildren(...rows);
    filterTable();
}

function filterTable() {
    const query = searchable($("rollout-filter").value.trim());
    const rows = [...$("rollout-table").tBodies[0].rows];
    let shown = 0;
    for (const row of rows) {
        row.hidden = query !== "" && !row.dataset.search.includes(query);
        shown += row.hidden ? 0 : 1;
    }
    $("rollout-count").textContent = rows.length === 0
        ? ""
        : `Hiển thị ${shown}/${rows.length} xã / Showing ${shown} of ${rows.length} communes`;
}

function cell(row, content) {
    const td = row.insertCell();
    td.textContent = content;
    return td;
}

function english(content) {
    const span = document.createElement("span");
    span.className = "en";
    span.lang = "en";
    span.textContent = content;
    return span;
}

/** Lower case without diacritics (đ as d), so "dai loc" finds "Đại Lộc". */
function searchable(content) {
    return content.normalize("NFD").replace(/\p{Mn}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/**
 * Fetches a CSV with the key in a header (never in the URL) and hands it to the browser as a download, under the
 * name the API gives it (its Content-Disposition), else the fallback name.
 */
async function download(url, fallbackName) {
    try {
        const response = await send(url, "text/csv");
        const filename = attachmentName(response.headers.get("Content-Disposition")) ?? fallbackName;
        const blob = await response.blob();
        if (state.downloadUrl !== null) {
            URL.revokeObjectURL(state.downloadUrl);
        }
        state.downloadUrl = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = state.downloadUrl;
        link.download = filename;
        document.body.append(link);
        link.click();
        link.remove();
        say(`Đã tải ${filename}. / Downloaded ${filename}.`);
    } catch (error) {
        refused(error);
    }
}

/** The file name of a Content-Disposition header (filename*=UTF-8''… first, then filename=…), or null. */
function attachmentName(disposition) {
    if (!disposition) {
        return null;
    }
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (encoded !== null) {
        try {
            return decodeURIComponent(encoded[1].trim());
        } catch {
            // A malformed name: fall through to the plain one.
        }
    }
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    return plain === null ? null : plain[1].trim();
}

/** "2026-11-29" → "29/11/2026". */
function displayDate(iso) {
    const [year, month, day] = iso.split("-");
    return `${day}/${month}/${year}`;
}

/** "29/11/2026" → "2026-11-29", or null unless it is a real day. */
function isoDate(display) {
    const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(display);
    if (match === null) {
        return null;
    }
    const [, day, month, year] = match;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? `${year}-${month}-${day}` : null;
}
