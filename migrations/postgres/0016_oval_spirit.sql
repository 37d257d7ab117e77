CREATE UNIQUE INDEX "ai_sessions_org_id_id_uq" ON "ai_sessions" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_org_id_id_uq" ON "cases" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "debt_budgets_org_id_id_uq" ON "debt_budgets" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "debt_creditors_org_id_id_uq" ON "debt_creditors" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "debts_org_id_id_uq" ON "debts" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_org_id_id_uq" ON "documents" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_org_id_id_uq" ON "invoices" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "law_sources_org_id_id_uq" ON "law_sources" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_org_id_id_uq" ON "leads" USING btree ("org_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_org_id_id_uq" ON "persons" USING btree ("org_id","id");