import FluentKit

/// Every migration of the schema, in order. Folders are numbered by release (`001/`); a
/// released migration is never edited, only followed by a new one.
public enum TandemMigrations {
    public static let all: [any Migration] = [
        CreateOrganisation(),
        CreateCatalog(),
        CreateNeeds(),
        CreateAccounts(),
        CreateSettings(),
        CreateServiceLevels(),
        CreateSavedFilters(),
        CreateJobs(),
        CreateNotifications(),
        CreateServiceLevelWatch(),
        CreateSatisfaction(),
        CreateServiceOutcomes(),
        CreateEvaluations(),
        GeneraliseNotifications(),
        CreateSurveys(),
        CreateCollaboration(),
        CreateSearchIndex(),
        CreateDashboardSnapshots(),
        CreatePlanning(),
        CreateImports(),
        IndexSearchByDay(),
        IndexAssigneesByPerson(),
        IndexSearchAudience(),
        RekeyAnonymousRecords(),
        FoldTraditionalChinese(),
        CreateSearchVocabulary(),
        CreateFollowersAndMerges(),
        IndexSearchAudienceInFTS(),
        AddDepartmentActivity(),
        IndexOpenNeedsByDue(),
        AddPersonSearchKey(),
        CreateDirectoryLinks(),
        CreateDirectorySyncRuns(),
        CreatePasswordLinks(),
    ]
}
