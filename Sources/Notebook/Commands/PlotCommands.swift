extension CommandCatalog { static let plots: [CommandSpec] = [] }
