"""依申请公开 cases in the web application's database: the store both the pages and
the CLI use (`store`), the models behind it, and the pages that work a case."""
