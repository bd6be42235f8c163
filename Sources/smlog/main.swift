print("smlog")
