//! The house plan, checked: imports point down the layers, no module imports another
//! that imports it back, the domain knows nothing of HTTP, and files stay readable.
//! See docs/ARCHITECTURE.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may import its own top-level module and the
/// layers below it, never one beside it or above.
const LAYERS: &[(&str, u8)] = &[
    ("error", 0),
    ("hex", 0),
    ("db", 1),
    ("content", 2),
    ("users", 3),
    ("media", 3),
    ("events", 3),
    ("partners", 3),
    ("config", 4),
    ("http", 5),
    ("api", 6),
    ("import", 6),
    ("demo", 7),
    ("embed", 7),
    ("generate", 7),
    ("sync", 7),
    ("", 9),
    ("main", 9),
];

/// Modules that hold no HTTP: they must not name actix.
const NO_HTTP: &[&str] = &[
    "error", "hex", "db", "content", "users", "media", "events", "partners", "config", "import",
    "demo", "generate",
];

/// Lines of code (tests aside) a file may hold.
const MAX_LINES: usize = 800;

struct Module {
    file: PathBuf,
    code: String,
}

/// Every module of the crate by path (`content::fields::defs`; the crate root is ``).
fn modules() -> BTreeMap<String, Module> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    // Helpers compiled for tests only (`#[cfg(test)] mod testing;`) are tests too.
    let test_only: Vec<PathBuf> = files
        .iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
            text.split("#[cfg(test)]")
                .skip(1)
                .filter_map(|after| {
                    let name = after.trim_start().strip_prefix("mod ")?.split(';').next()?;
                    (!name.contains('{')).then(|| dir.join(format!("{}.rs", name.trim())))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    files.retain(|f| !test_only.contains(f));
    files
        .into_iter()
        .map(|file| {
            let rel = file
                .strip_prefix(&src)
                .expect("under src")
                .with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            let text = std::fs::read_to_string(&file).expect("read a source file");
            // Unit tests may reach anywhere; the plan is about the code they test.
            let code = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            let code = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            (parts.join("::"), Module { file, code })
        })
        .collect()
}

/// The paths a `use` tree names: `crate::a::{b, c::d}` gives `a::b` and `a::c::d`.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let join = |rest: &str| {
        [prefix, rest]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("::")
    };
    match tree.find('{') {
        Some(open) => {
            let head = tree[..open].trim().trim_end_matches("::");
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let mut depth = 0;
            let mut item = String::new();
            let base = join(head);
            for ch in inner.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&base, &item, out);
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(ch);
            }
            expand(&base, &item, out);
        }
        None => {
            let path = tree.split(" as ").next().unwrap_or("").trim();
            if !path.is_empty() {
                out.push(join(path));
            }
        }
    }
}

/// The modules each module imports (its own descendants left out: a parent re-exporting
/// its children is a facade, not a dependency).
fn graph(modules: &BTreeMap<String, Module>) -> BTreeMap<String, BTreeSet<String>> {
    let resolve = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").filter(|p| *p != "self").collect();
        (1..=parts.len())
            .rev()
            .map(|n| parts[..n].join("::"))
            .find(|m| modules.contains_key(m))
    };
    let mut edges = BTreeMap::new();
    for (name, module) in modules {
        let mut paths = Vec::new();
        for statement in module.code.split(';') {
            let Some(at) = statement.find("use ") else {
                continue;
            };
            let tree = statement[at + 4..].trim();
            if let Some(rest) = tree.strip_prefix("crate::") {
                expand("", rest, &mut paths);
            } else if tree.starts_with("super::") {
                let mut base: Vec<&str> = name.split("::").collect();
                let mut rest = tree;
                while let Some(r) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = r;
                }
                expand(&base.join("::"), rest, &mut paths);
            }
        }
        // Paths written out in code and macros: `crate::a::b`, `$crate::a::b`.
        for (at, _) in module.code.match_indices("crate::") {
            let rest = &module.code[at + 7..];
            let end = rest
                .find(|c: char| {
                    !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ':')
                })
                .unwrap_or(rest.len());
            paths.push(rest[..end].trim_end_matches(':').to_owned());
        }
        let targets: BTreeSet<String> = paths
            .iter()
            .filter_map(|p| resolve(p))
            .filter(|t| t != name && !(name.is_empty() || t.starts_with(&format!("{name}::"))))
            .collect();
        edges.insert(name.clone(), targets);
    }
    edges
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

fn layer(module: &str) -> u8 {
    let top = top(module);
    LAYERS
        .iter()
        .find(|(name, _)| *name == top)
        .map(|(_, l)| *l)
        .unwrap_or_else(|| {
            panic!("`{top}` is in no layer: add it to LAYERS and docs/ARCHITECTURE.md")
        })
}

#[test]
fn imports_point_down_the_layers() {
    let modules = modules();
    let mut wrong = Vec::new();
    for (from, targets) in graph(&modules) {
        for to in targets {
            if top(&from) != top(&to) && layer(&to) >= layer(&from) {
                wrong.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports up or across the layers: {wrong:#?}"
    );
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = graph(&modules());
    // Tarjan's strongly connected components: any with more than one module is a cycle.
    struct Search<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        cycles: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(s: &mut Search<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        for w in &s.edges[v] {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                s.cycles.push(component);
            }
        }
    }
    let mut search = Search {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        cycles: Vec::new(),
    };
    for v in edges.keys() {
        if !search.index.contains_key(v.as_str()) {
            visit(&mut search, v);
        }
    }
    assert!(
        search.cycles.is_empty(),
        "modules that import each other: {:#?}",
        search.cycles
    );
}

#[test]
fn the_domain_knows_nothing_of_http() {
    let offenders: Vec<String> = modules()
        .iter()
        .filter(|(name, _)| NO_HTTP.contains(&top(name)))
        .filter(|(_, m)| m.code.contains("actix"))
        .map(|(name, _)| name.clone())
        .collect();
    assert!(
        offenders.is_empty(),
        "modules without HTTP that name actix: {offenders:?}"
    );
}

#[test]
fn files_stay_readable() {
    let big: Vec<String> = modules()
        .values()
        .filter(|m| m.code.lines().count() > MAX_LINES)
        .map(|m| format!("{} ({} lines)", m.file.display(), m.code.lines().count()))
        .collect();
    assert!(
        big.is_empty(),
        "files over {MAX_LINES} lines of code: {big:#?}"
    );
}

#[test]
fn the_checks_see_what_they_check() {
    // The graph must find real imports, or the tests above pass for nothing.
    let edges = graph(&modules());
    let imports = |from: &str, to: &str| edges.get(from).is_some_and(|t| t.contains(to));
    assert!(imports("api::posts", "content::posts"));
    assert!(imports("content::items", "content::revisions"));
    assert!(imports("content::fields::parse", "content::fields::values"));
    assert!(
        !imports("content", "content::access"),
        "re-exports are not dependencies"
    );
    let mut out = Vec::new();
    expand("", "a::{b, c::{d, e as f}, g}", &mut out);
    assert_eq!(out, ["a::b", "a::c::d", "a::c::e", "a::g"]);
}
