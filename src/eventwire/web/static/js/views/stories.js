// Stories: articles about the same developing news, with their events.
import { get } from "../api.js";
import { empty, h, loading, mount } from "../dom.js";
import { downloadBar } from "../filters.js";
import { href } from "../router.js";

const PAGE = 100;

export async function render(root, { isCurrent }) {
  mount(root, h("div", { class: "page-head" }, h("h1", {}, "Stories")), loading("Loading stories"));
  const { stories, total } = await get("/api/stories", { limit: PAGE });
  if (!isCurrent()) return;
  mount(root, h("div", { class: "page-head" }, h("h1", {}, "Stories"),
      h("span", { class: "sub" }, "articles grouped by the news they follow, latest first")),
    h("section", { class: "panel" }, downloadBar("/api/stories", {}, total, "stories", { shown: stories.length })),
    stories.length
      ? h("div", { class: "cards" }, stories.map((st) => h("article", { class: "panel card" },
          h("h3", {}, h("a", { href: href(["events"], { story: st.story_id, historical: "" }) }, st.title || st.story_id)),
          h("div", { class: "stat-row" },
            h("span", {}, h("b", {}, st.n_documents), " articles"),
            h("span", {}, h("b", {}, st.n_events), " events"),
            h("span", {}, st.first_published === st.last_published ? st.first_published || "" : `${st.first_published} – ${st.last_published}`)),
          st.actors ? h("div", { class: "small muted" }, String(st.actors).split(",").join(" · ")) : null)))
      : empty("No stories yet.", "Ingest some articles first."));
}
