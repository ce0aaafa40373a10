// swift-tools-version:6.0
// Tandem's CSV reader (TandemCore, linked from the package root) against the two CSV libraries
// of the package mirror, on the files Excel and WPS write: `swift run -c release` here.
import PackageDescription

let package = Package(
    name: "csv-libraries",
    dependencies: [
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", exact: "0.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", exact: "2.5.2"),
    ],
    targets: [
        .target(name: "TandemCore"),
        .executableTarget(
            name: "csvbench",
            dependencies: [
                "TandemCore", .product(name: "SwiftCSV", package: "SwiftCSV"), .product(name: "CSV", package: "CSV.swift"),
            ]),
    ]
)
