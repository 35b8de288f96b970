import type { Db } from '../db/open-database';

export interface ServiceRow { id: number; code: string; nameVi: string; nameEn: string | null; active: number; procedures: number }
export interface ProcedureRow { id: number; code: string; nationalCode: string | null; serviceId: number; name: string; active: number }
export interface ServiceInput { code: string; nameVi: string; nameEn: string | null }
export interface ProcedureInput { code: string; nationalCode: string | null; name: string }

/** Service fields (lĩnh vực) and their procedures (thủ tục hành chính). */
export function createCatalogRepo(db: Db) {
  const services = db.prepare<[], ServiceRow>(`
    SELECT s.id, s.code, s.name_vi AS nameVi, s.name_en AS nameEn, s.active,
           (SELECT count(*) FROM procedures p WHERE p.service_id = s.id) AS procedures
    FROM services s ORDER BY s.active DESC, s.name_vi`);
  const service = db.prepare<{ id: number }, ServiceRow>(`SELECT id, code, name_vi AS nameVi, name_en AS nameEn, active, 0 AS procedures FROM services WHERE id = :id`);
  const serviceByCode = db.prepare<{ code: string }, { id: number }>('SELECT id FROM services WHERE code = :code');
  const insertService = db.prepare('INSERT INTO services (code, name_vi, name_en) VALUES (:code, :nameVi, :nameEn)');
  const updateService = db.prepare('UPDATE services SET name_vi = :nameVi, name_en = :nameEn WHERE id = :id');
  const activeService = db.prepare('UPDATE services SET active = :active WHERE id = :id');
  const procCols = 'id, code, national_code AS nationalCode, service_id AS serviceId, name, active';
  const procedures = db.prepare<{ serviceId: number }, ProcedureRow>(`SELECT ${procCols} FROM procedures WHERE service_id = :serviceId ORDER BY active DESC, name`);
  const procedure = db.prepare<{ id: number }, ProcedureRow>(`SELECT ${procCols} FROM procedures WHERE id = :id`);
  const procedureByCode = db.prepare<{ code: string }, { id: number }>('SELECT id FROM procedures WHERE code = :code');
  const insertProcedure = db.prepare('INSERT INTO procedures (code, national_code, service_id, name) VALUES (:code, :nationalCode, :serviceId, :name)');
  const updateProcedure = db.prepare('UPDATE procedures SET name = :name, national_code = :nationalCode WHERE id = :id');
  const activeProcedure = db.prepare('UPDATE procedures SET active = :active WHERE id = :id');

  return {
    services: () => services.all(),
    service: (id: number) => service.get({ id }),
    serviceIdByCode: (code: string) => serviceByCode.get({ code })?.id,
    insertService: (s: ServiceInput) => Number(insertService.run(s).lastInsertRowid),
    updateService: (id: number, s: { nameVi: string; nameEn: string | null }) => void updateService.run({ id, ...s }),
    setServiceActive: (id: number, active: boolean) => void activeService.run({ id, active: Number(active) }),
    procedures: (serviceId: number) => procedures.all({ serviceId }),
    procedure: (id: number) => procedure.get({ id }),
    procedureIdByCode: (code: string) => procedureByCode.get({ code })?.id,
    insertProcedure: (serviceId: number, p: ProcedureInput) => Number(insertProcedure.run({ serviceId, ...p }).lastInsertRowid),
    updateProcedure: (id: number, p: { name: string; nationalCode: string | null }) => void updateProcedure.run({ id, ...p }),
    setProcedureActive: (id: number, active: boolean) => void activeProcedure.run({ id, active: Number(active) }),
    /** Bulk import: creates new codes, renames known ones; one transaction, all or nothing. */
    importServices: db.transaction((rows: (ServiceInput & { existingId: number | null })[]) => {
      for (const r of rows) {
        if (r.existingId) updateService.run({ id: r.existingId, nameVi: r.nameVi, nameEn: r.nameEn });
        else insertService.run({ code: r.code, nameVi: r.nameVi, nameEn: r.nameEn });
      }
    }),
  };
}
export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
