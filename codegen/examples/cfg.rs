use std::time::Instant;
fn main() {
    let g = std::path::Path::new("../../shared/graph");
    for p in [
        "Users.Actions/readme.beta.md",
        "Users.Actions/Users.Actions.md",
        "readme.graph.md",
    ] {
        let f = (g.join(p), std::fs::read_to_string(g.join(p)).unwrap());
        let t = Instant::now();
        for _ in 0..10 {
            codegen::load::config::parse_configs(std::slice::from_ref(&f)).unwrap();
        }
        eprintln!("{p} {:?}", t.elapsed() / 10);
    }
}
