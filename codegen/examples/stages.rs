use std::time::Instant;
fn main() {
    let g = std::path::Path::new("../../shared/graph");
    let rd = |p: &str| (g.join(p), std::fs::read_to_string(g.join(p)).unwrap());
    let configs = vec![
        rd("Users.Actions/readme.beta.md"),
        rd("Users.Actions/Users.Actions.md"),
        rd("readme.graph.md"),
    ];
    let (sp, st) = rd("Users.Actions/Users.Actions.beta.yml");
    for _ in 0..3 {
        let t = Instant::now();
        let config = codegen::load::config::parse_configs(&configs).unwrap();
        let t1 = t.elapsed();
        let spec = codegen::load::LoadedSpec::parse(&sp, &st).unwrap();
        let t2 = t.elapsed();
        let ops = codegen::load::read_operations(&spec, |id| {
            codegen::name::directives::operation_removed(&config.directives, id)
        })
        .unwrap();
        let t3 = t.elapsed();
        let mut variants = codegen::name::variants::command_variants(&ops, "Beta").unwrap();
        let t4 = t.elapsed();
        codegen::name::directives::apply(&mut variants, &config.directives);
        let t5 = t.elapsed();
        eprintln!(
            "config {:?} parse {:?} ops {:?} variants {:?} directives {:?} (n={})",
            t1,
            t2 - t1,
            t3 - t2,
            t4 - t3,
            t5 - t4,
            variants.len()
        );
    }
}
