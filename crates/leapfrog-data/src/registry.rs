//! The one list of record kinds. Each line is `array name => Dataset field: type`, optionally
//! `[key FIELD]` (or `[key FIELD = |record| expression]`) when a kind is keyed by something other
//! than `id`. Its order is the order of the file schema, of `visit_records` and of validation.
//!
//! Adding a kind is a schema type and a `Validate` impl in its layer's folder plus one line
//! here (a new layer is a folder, its `mod` line in lib.rs, its glob in kinds.rs and its line in
//! `EMBEDDED_LAYERS`); `for_each_kind!` hands the list to each macro that generates per-kind code (the
//! `Dataset` fields, `Keyed`, the lookups, the file schema and the validator calls).

macro_rules! for_each_kind {
    ($generate:ident) => {
        $generate! {
            // common
            source => sources: Source,
            region => regions: Region,
            // market
            company => companies: Company,
            project => projects: Project,
            project_set => project_sets: ProjectSet,
            share_table => share_tables: ShareTable,
            price_series => price_series: PriceSeries,
            volume_series => volume_series: VolumeSeries,
            learning_series => learning_series: LearningSeries,
            learning_rate => learning_rates: LearningRateEstimate,
            sector => sectors: Sector,
            fx_rate => fx_rates: FxRate [key currency = |r: &FxRate| format!("{}:{}", r.currency, r.year)],
            price_index => price_indices: PriceIndex [key year = |r: &PriceIndex| r.year.to_string()],
            // cell
            material => materials: Material,
            couple => couples: Couple,
            cell_format => cell_formats: CellFormat,
            pack_architecture => pack_architectures: PackArchitecture,
            cell_design => cell_designs: CellDesign,
            commercial_cell => commercial_cells: CommercialCell,
            couple_properties => couple_properties: CoupleProperties [key couple],
            flow_battery => flow_batteries: FlowBattery,
            iron_air => iron_air: IronAir,
            nickel_hydrogen => nickel_hydrogen: NickelHydrogen,
            // factory
            process_step => process_steps: ProcessStep,
            cost_model => cost_models: CostModel,
            factory_region => factory_regions: FactoryRegion [key region],
            process_variant => process_variants: ProcessVariant,
            price_basis => price_bases: PriceBasis,
            // supply
            supply_chain => supply_chains: SupplyChain,
            supply_shares => supply_shares: SupplyShares,
            supply_market => supply_markets: SupplyMarket,
            demand_scenario => demand_scenarios: DemandScenario,
            // life
            life_model => life_models: LifeModel,
            life_family => life_families: LifeFamily,
            couple_life => couple_lives: CoupleLife [key couple],
            // sim
            sim_parameter_set => sim_parameter_sets: SimParameterSet,
            // mission
            mission => missions: Mission,
            mission_default => mission_defaults: MissionDefault [key kind = |r: &MissionDefault| format!("{}:{}", r.kind, r.key)],
            // ip
            ip_technology => ip_technologies: IpTechnology,
            ip_organisation => ip_organisations: IpOrganisation,
            ip_event => ip_events: IpEvent,
            ip_deal => ip_deals: IpDeal,
            // scale-up
            scaleup_settings => scaleup_settings: ScaleupSettings,
            line_group => line_groups: LineGroup,
            ramp => ramps: Ramp,
            financing => financings: Financing,
            manufacturing_variant => manufacturing_variants: ManufacturingVariant,
            equipment_control => equipment_controls: EquipmentControl,
            scaleup_path => scaleup_paths: ScaleupPath,
            scaleup_reference => scaleup_references: ScaleupReference,
            scaleup_risk => scaleup_risks: ScaleupRisk,
            // rules
            rules_meta => rules_meta: RulesMeta,
            rule => rules: Rule,
            listed_entity => listed_entities: ListedEntity,
            plant => plants: Plant,
            storage_project => storage_projects: StorageProject,
            // present
            capacity_total => capacity_totals: CapacityTotal,
            firm_output => firm_outputs: FirmOutput,
            backcast_row => backcast_rows: BackcastRow,
            backcast_settings => backcast_settings: BackcastSettings,
            demand_history => demand_history: DemandHistory,
            // policy
            policy_settings => policy_settings: PolicySettings,
            policy_sector => policy_sectors: PolicySector,
            policy_chemistry => policy_chemistries: PolicyChemistry,
            policy_learning => policy_learnings: PolicyLearning,
            policy_lever => policy_levers: PolicyLever,
            policy_package => policy_packages: PolicyPackage,
            // reference zoo
            reference => references: ReferenceCase,
        }
    };
}

pub(crate) use for_each_kind;

/// Each layer's embedded data files, in loading order, by layer name.
pub(crate) const EMBEDDED_LAYERS: &[(&str, &[(&str, &str)])] = &[
    ("common", crate::common::FILES),
    ("market", crate::market::FILES),
    ("cell", crate::cell::FILES),
    ("factory", crate::factory::FILES),
    ("supply", crate::supply::FILES),
    ("life", crate::life::FILES),
    ("life-defaults", crate::life::DEFAULT_FILES),
    ("sim", crate::sim::FILES),
    ("mission", crate::mission::FILES),
    ("ip", crate::ip::FILES),
    ("scaleup", crate::scaleup::FILES),
    ("rules", crate::rules::FILES),
    ("present", crate::present::FILES),
    ("policy", crate::policy::FILES),
    ("reference", crate::reference::FILES),
];
