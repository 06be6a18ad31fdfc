// Contradictions: one report says an event happened and another that it did not, or two
// actors take opposite stances on one named proposal (or one actor on both, a reversal).
import { get } from "../api.js";
import { empty, h, loading, mount } from "../dom.js";
import { chips, dateForm, downloadBar, readFilters } from "../filters.js";
import { hrefFrom } from "../router.js";

const KIND = {
  event: ["reported and denied", "one report says it happened, another that it did not"],
  proposal: ["opposite stances", "two actors on opposite sides of one proposal"],
  reversal: ["reversal", "one actor on both sides, on different days"],
};

function side(label, c) {
  if (!c) return h("div", { class: "claim" }, h("h3", {}, label), "—");
  return h("div", { class: "claim" },
    h("h3", {}, label),
    h("div", { class: "meta small" },
      h("strong", {}, c.code || c.actor || "?"), c.name ? ` ${c.name}` : "",
      " · ", h("code", {}, c.cameo || "—"), c.negated ? h("span", { class: "chip neg" }, "negated") : null,
      " · ", h("span", { class: "tabular" }, c.date || "undated")),
    h("blockquote", { class: "sentence" }, (c.sentence || "").trim()),
    h("div", { class: "small" },
      c.canonical_event_id ? h("a", { href: hrefFrom(["event", c.canonical_event_id]) }, "event →") : null, " ",
      c.doc_id ? h("a", { href: hrefFrom(["doc", c.doc_id], { event: c.event_id }) }, "article →") : null));
}

export async function render(root, { params, isCurrent }) {
  const f = readFilters(params);
  const dates = { from: f.from, to: f.to };
  mount(root, h("div", { class: "page-head" }, h("h1", {}, "Contradictions")), loading("Looking for contradictions"));
  const answer = await get("/api/contradictions", dates);
  if (!isCurrent()) return;
  const items = answer.contradictions || [];
  mount(root,
    h("div", { class: "page-head" }, h("h1", {}, "Contradictions"),
      h("span", { class: "sub" }, "reports that disagree: read both before counting either")),
    h("section", { class: "panel" }, chips(["contradictions"], dates, { none: "All dates." }),
      dateForm(["contradictions"], f, { label: "Claims dated within these dates" }),
      downloadBar("/api/contradictions", dates, answer.total ?? items.length, "contradictions")),
    items.length
      ? h("div", { class: "contradictions" }, items.map((c) => {
          const [name, help] = KIND[c.kind] || [c.kind, ""];
          const proposal = (c.supporter && c.supporter.proposal) || (c.opponent && c.opponent.proposal);
          return h("article", { class: "panel contradiction", dataset: { kind: c.kind } },
            h("div", { class: "head" }, h("span", { class: "chip mod", title: help }, name),
              h("strong", {}, proposal ? `“${proposal}”` : String(c.subject || "").replace(/\bNone\b/g, "—")),
              c.days_apart !== null && c.days_apart !== undefined ? h("span", { class: "muted small tabular" }, `${c.days_apart} day${c.days_apart === 1 ? "" : "s"} apart`) : null),
            h("div", { class: "claims" },
              side(c.kind === "event" ? "Says it happened" : "Supports", c.supporter),
              side(c.kind === "event" ? "Says it did not" : "Opposes", c.opponent)));
        }))
      : empty("No contradictions found.", "Reports that deny an event another asserts, or opposite stances on a proposal, show up here."));
}
