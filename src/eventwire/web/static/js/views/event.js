// One canonical event: what was coded, and every mention with the sentence that says so.
import { cameoNames, get } from "../api.js";
import { actorLabel, empty, flagChips, fmtDate, fmtNum, fmtSigned, h, loading, mount, quadChip, QUAD } from "../dom.js";
import { highlight, legend, sentenceMarks } from "../highlight.js";
import { backLink, href, hrefFrom } from "../router.js";

const plural = (n, word) => (n === null || n === undefined ? `? ${word}s` : `${n} ${word}${n === 1 ? "" : "s"}`);
const fact = (label, ...value) => h("div", {}, h("dt", {}, label), h("dd", {}, ...value));

function actorFact(a) {
  if (!a) return "—";
  return [h("strong", {}, actorLabel(a)), a.name ? ` ${a.name}` : "",
    a.actor_id ? h("div", { class: "muted small" }, a.actor_id) : null];
}

function mentionCard(m, names) {
  const doc = m.doc || {};
  const docLink = hrefFrom(["doc", m.doc_id], { event: m.event_id });
  return h("article", { class: "mention", dataset: { mention: m.event_id } },
    h("div", { class: "meta" },
      h("strong", {}, doc.outlet || "unknown outlet"),
      h("span", { class: "tabular" }, doc.published || "undated"),
      h("a", { href: docLink }, doc.title || m.doc_id),
      doc.path && /^https?:/.test(doc.path) ? h("a", { href: doc.path, rel: "noreferrer noopener", target: "_blank", class: "small" }, "original ↗") : null),
    h("blockquote", { class: "sentence" }, highlight(m.sentence || "", sentenceMarks(m))),
    h("div", { class: "why" },
      h("span", {}, "coded ", h("code", {}, m.cameo || "—"), names[m.cameo] ? ` ${names[m.cameo]}` : ""),
      h("span", {}, "pattern ", h("code", { class: "pattern" }, m.pattern || "—")),
      m.date ? h("span", { class: "tabular" }, `date ${m.date} (${m.date_precision || "?"}, from ${m.date_basis || "?"})`) : null,
      m.confidence !== null && m.confidence !== undefined ? h("span", { class: "tabular" }, `confidence ${fmtNum(m.confidence, 2)}`) : null),
    h("div", { class: "flags" }, flagChips(m)));
}

export async function render(root, { segments, params, isCurrent }) {
  const id = segments[0];
  mount(root, loading("Loading event"));
  const [ev, names] = await Promise.all([get(`/api/events/${encodeURIComponent(id || "")}`), cameoNames()]);
  if (!isCurrent()) return;
  const src = ev.source, tgt = ev.target;
  const dyadLink = src && tgt ? href(["dyad", src.code || src.country, tgt.code || tgt.country]) : null;
  const loc = ev.location;
  const mentions = ev.mentions || [];
  mount(root,
    h("div", { class: "page-head" },
      backLink(params),
      dyadLink ? h("a", { class: "button", href: dyadLink }, "Dyad chart →") : null),
    h("section", { class: "panel" },
      h("h1", { class: "event-title" }, actorLabel(src), h("span", { class: "arrow" }, " → "), actorLabel(tgt),
        h("span", { class: "muted" }, " · "), names[ev.cameo] || `CAMEO ${ev.cameo}`),
      h("div", { class: "flags" }, quadChip(ev.quad_class), flagChips(ev)),
      h("dl", { class: "facts" },
        fact("Date", fmtDate(ev.date, ev.date_precision), ev.date_precision && ev.date_precision !== "day" ? ` (${ev.date_precision})` : ""),
        fact("Source", actorFact(src)),
        fact("Target", actorFact(tgt)),
        fact("CAMEO", h("code", {}, ev.cameo || "—"), ` root ${ev.cameo_root || "—"}`),
        fact("QuadClass", ev.quad_class ? `${ev.quad_class} ${QUAD[ev.quad_class]}` : "—"),
        fact("Goldstein", fmtSigned(ev.goldstein)),
        fact("PLOVER", ev.plover ? [ev.plover.event_type, ev.plover.mode].filter(Boolean).join(" / ") : "—"),
        fact("Location", loc && loc.name ? `${loc.name}${loc.country ? ` (${loc.country})` : ""}` : "—"),
        fact("Reported", [plural(ev.num_mentions ?? mentions.length, "mention"), plural(ev.num_sources, "source"),
          plural(ev.num_articles, "article")].join(" · ")),
        ev.story_id ? fact("Story", h("a", { href: href(["events"], { story: ev.story_id }) }, "events of this story")) : null,
        loc && loc.lat !== null && loc.lat !== undefined ? fact("On the map", h("a", { href: href(["map"], { place: loc.geonameid || loc.name }) }, "events at this place")) : null)),
    h("section", { class: "panel" },
      h("h2", {}, `${mentions.length} mention${mentions.length === 1 ? "" : "s"}`),
      legend(),
      mentions.length ? mentions.map((m) => mentionCard(m, names))
        : empty("No mentions stored for this event.")));
}
