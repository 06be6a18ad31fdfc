// Stories: articles about the same developing news, with their events.
import { get } from "../api.js";
import { empty, h, loading, mount } from "../dom.js";
import { chips, dateForm, downloadBar, readFilters } from "../filters.js";
import { href } from "../router.js";

const PAGE = 100;

export async function render(root, { params, isCurrent }) {
  const f = readFilters(params);
  const dates = { from: f.from, to: f.to };
  mount(root, h("div", { class: "page-head" }, h("h1", {}, "Stories")), loading("Loading stories"));
  const { stories, total } = await get("/api/stories", { limit: PAGE, ...dates });
  if (!isCurrent()) return;
  mount(root, h("div", { class: "page-head" }, h("h1", {}, "Stories"),
      h("span", { class: "sub" }, "articles grouped by the news they follow, latest first")),
    h("section", { class: "panel" }, chips(["stories"], dates, { none: "All dates." }),
      dateForm(["stories"], f, { label: "Stories published within these dates" }),
      downloadBar("/api/stories", dates, total, "stories", { shown: stories.length })),
    stories.length
      ? h("div", { class: "cards" }, stories.map((st) => h("article", { class: "panel card" },
          h("h3", {}, h("a", { href: href(["events"], { story: st.story_id, historical: "" }) }, st.title || st.story_id)),
          h("div", { class: "stat-row" },
            h("span", {}, h("b", {}, st.n_documents), " articles"),
            h("span", {}, h("b", {}, st.n_events), " events"),
            h("span", {}, st.first_published === st.last_published ? st.first_published || "" : `${st.first_published} – ${st.last_published}`)),
          st.actors ? h("div", { class: "small muted" }, String(st.actors).split(",").join(" · ")) : null)))
      : f.from || f.to ? empty("No stories within these dates.", "Widen the dates.")
        : empty("No stories yet.", "Ingest some articles first."));
}
