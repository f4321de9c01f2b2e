enum _RapportDocumentsPlaceholder {}
