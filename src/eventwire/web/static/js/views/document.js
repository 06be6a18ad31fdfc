// The document reader: the stored article with its actors and events highlighted.
import { cameoNames, get } from "../api.js";
import { actorLabel, flagChips, h, loading, mount, quadChip } from "../dom.js";
import { highlight } from "../highlight.js";
import { backLink, href, hrefFrom } from "../router.js";

function marks(doc, focus) {
  const out = [];
  for (const a of doc.actors || []) {
    if (a.span) out.push({ start: a.span[0], end: a.span[1], cls: "hl-actor", title: `${a.code || ""} ${a.name || ""}`.trim() });
  }
  for (const e of doc.events || []) {
    const on = e.event_id === focus;
    if (e.verb && e.verb.span) out.push({ start: e.verb.span[0], end: e.verb.span[1], cls: "hl-verb", title: `${e.cameo} ${e.verb.lemma || ""}`, id: e.event_id });
    if (on) {
      if (e.span) out.push({ start: e.span[0], end: e.span[1], cls: "hl-focus" });
      for (const [k, cls] of [["source", "hl-source"], ["target", "hl-target"]])
        if (e[k] && e[k].span) out.push({ start: e[k].span[0], end: e[k].span[1], cls, title: `${k}: ${e[k].code}` });
    }
  }
  return out;
}

export async function render(root, { segments, params, isCurrent }) {
  const id = segments[0];
  const focus = params.get("event");
  mount(root, loading("Loading document"));
  const [doc, names] = await Promise.all([get(`/api/documents/${encodeURIComponent(id || "")}`), cameoNames()]);
  if (!isCurrent()) return;
  const events = doc.events || [];
  const text = h("div", { class: "doc-text" }, highlight(doc.text || "", marks(doc, focus)));
  const list = h("ol", { class: "doc-events" }, events.map((e) =>
    h("li", { class: e.event_id === focus ? "on" : null },
      h("a", { href: href(["doc", id], { event: e.event_id, back: params.get("back") }) },
        `${actorLabel(e.source)} → ${actorLabel(e.target)}`),
      " ", h("code", {}, e.cameo || ""), " ", names[e.cameo] || "",
      h("div", { class: "flags" }, quadChip(e.quad_class), flagChips(e),
        e.canonical_event_id ? h("a", { class: "small", href: hrefFrom(["event", e.canonical_event_id]) }, "event page →") : null))));
  mount(root,
    h("div", { class: "page-head" }, backLink(params, "/docs", "Documents")),
    params.get("added") ? h("p", { class: `note ${params.get("added") === "1" ? "ok" : ""}`, role: "status", id: "added-note" },
      params.get("added") === "1" ? `Added and coded: ${events.length} event${events.length === 1 ? "" : "s"} in this article.`
        : "This article was already stored: here it is.") : null,
    h("div", { class: "grid-2" },
      h("article", { class: "panel" },
        h("h1", {}, doc.title || "Untitled document"),
        h("div", { class: "doc-meta tabular" },
          [doc.outlet, doc.published || "no publication date", doc.language ? `language ${doc.language}` : null].filter(Boolean).join(" · "),
          doc.url && /^https?:/.test(doc.url) ? [" · ", h("a", { href: doc.url, rel: "noreferrer noopener", target: "_blank" }, "original ↗")]
            : doc.path ? ` · ${doc.path}` : ""),
        (doc.notes || []).length ? h("ul", { class: "doc-notes small muted" }, doc.notes.map((n) => h("li", {}, n))) : null,
        h("div", { class: "legend" },
          h("span", {}, h("mark", { class: "hl-actor" }, "actor")),
          h("span", {}, h("mark", { class: "hl-verb" }, "event verb")),
          focus ? [h("span", {}, h("mark", { class: "hl-focus" }, "selected event")),
            h("span", {}, h("mark", { class: "hl-source" }, "its source")),
            h("span", {}, h("mark", { class: "hl-target" }, "its target"))] : null),
        text),
      h("aside", { class: "panel" },
        h("h2", {}, `${events.length} coded event${events.length === 1 ? "" : "s"}`),
        events.length ? list : h("p", { class: "muted" }, doc.language && doc.language !== "en"
          ? `Nothing was coded: the coder reads English and this article is in "${doc.language}".`
          : "Nothing was coded in this article."))));
  if (focus) {
    const el = text.querySelector(`[data-mark="${CSS.escape(focus)}"]`);
    if (el) el.scrollIntoView({ block: "center" });
  }
}
