import type { Db } from '../db/open-database';

export interface ServiceRow { id: number; code: string; nameVi: string; nameEn: string | null; active: number; procedures: number }
export interface ProcedureRow { id: number; code: string; nationalCode: string | null; serviceId: number; name: string; active: number }
export interface ServiceInput { code: string; nameVi: string; nameEn: string | null }
export interface ProcedureInput { code: string; nationalCode: string | null; name: string }
/** A service field a citizen may pick at a unit's counter. */
export interface ServiceOption { id: number; code: string; nameVi: string; nameEn: string | null }

/** Service fields (lĩnh vực), their procedures (thủ tục hành chính), and which units offer which field. */
export function createCatalogRepo(db: Db) {
  const svc = 's.id, s.code, s.name_vi AS nameVi, s.name_en AS nameEn';
  const services = db.prepare<[], ServiceRow>(`
    SELECT ${svc}, s.active, (SELECT count(*) FROM procedures p WHERE p.service_id = s.id) AS procedures
    FROM services s ORDER BY s.active DESC, s.name_vi`);
  const service = db.prepare<{ id: number }, ServiceRow>(`SELECT ${svc}, s.active, 0 AS procedures FROM services s WHERE s.id = :id`);
  const serviceByCode = db.prepare<{ code: string }, ServiceRow>(`SELECT ${svc}, s.active, 0 AS procedures FROM services s WHERE s.code = :code`);
  const insertService = db.prepare('INSERT INTO services (code, name_vi, name_en) VALUES (:code, :nameVi, :nameEn)');
  const updateService = db.prepare('UPDATE services SET name_vi = :nameVi, name_en = :nameEn WHERE id = :id');
  const activeService = db.prepare('UPDATE services SET active = :active WHERE id = :id');
  const procCols = 'id, code, national_code AS nationalCode, service_id AS serviceId, name, active';
  const procedures = db.prepare<{ serviceId: number }, ProcedureRow>(`SELECT ${procCols} FROM procedures WHERE service_id = :serviceId ORDER BY active DESC, name`);
  const procedure = db.prepare<{ id: number }, ProcedureRow>(`SELECT ${procCols} FROM procedures WHERE id = :id`);
  const procedureByCode = db.prepare<{ code: string }, ProcedureRow>(`SELECT ${procCols} FROM procedures WHERE code = :code`);
  // An invitation may name a procedure by our code or by its national code; ours wins.
  const activeProcedure = db.prepare<{ code: string }, ProcedureRow>(`SELECT ${procCols} FROM procedures
    WHERE (code = :code OR national_code = :code) AND active = 1 ORDER BY code = :code DESC LIMIT 1`);
  const insertProcedure = db.prepare('INSERT INTO procedures (code, national_code, service_id, name) VALUES (:code, :nationalCode, :serviceId, :name)');
  const updateProcedure = db.prepare('UPDATE procedures SET name = :name, national_code = :nationalCode WHERE id = :id');
  const setProcedureActive = db.prepare('UPDATE procedures SET active = :active WHERE id = :id');
  const offered = db.prepare<{ unitId: number }, { serviceId: number }>('SELECT service_id AS serviceId FROM unit_services WHERE unit_id = :unitId');
  const offers = db.prepare<{ unitId: number; serviceId: number }, { one: number }>('SELECT 1 AS one FROM unit_services WHERE unit_id = :unitId AND service_id = :serviceId');
  const unoffer = db.prepare('DELETE FROM unit_services WHERE unit_id = :unitId');
  const offer = db.prepare('INSERT OR IGNORE INTO unit_services (unit_id, service_id) VALUES (:unitId, :serviceId)');
  const unitOptions = db.prepare<{ unitId: number }, ServiceOption>(`
    SELECT ${svc} FROM unit_services us JOIN services s ON s.id = us.service_id
    WHERE us.unit_id = :unitId AND s.active = 1 ORDER BY s.name_vi`);

  return {
    services: () => services.all(),
    service: (id: number) => service.get({ id }),
    serviceByCode: (code: string) => serviceByCode.get({ code }),
    insertService: (s: ServiceInput) => Number(insertService.run(s).lastInsertRowid),
    updateService: (id: number, s: { nameVi: string; nameEn: string | null }) => void updateService.run({ id, ...s }),
    setServiceActive: (id: number, active: boolean) => void activeService.run({ id, active: Number(active) }),
    procedures: (serviceId: number) => procedures.all({ serviceId }),
    procedure: (id: number) => procedure.get({ id }),
    procedureByCode: (code: string) => procedureByCode.get({ code }),
    /** An active procedure by our code or its national code. */
    activeProcedure: (code: string) => activeProcedure.get({ code }),
    insertProcedure: (serviceId: number, p: ProcedureInput) => Number(insertProcedure.run({ serviceId, ...p }).lastInsertRowid),
    updateProcedure: (id: number, p: { name: string; nationalCode: string | null }) => void updateProcedure.run({ id, ...p }),
    setProcedureActive: (id: number, active: boolean) => void setProcedureActive.run({ id, active: Number(active) }),
    offeredServiceIds: (unitId: number) => offered.all({ unitId }).map((r) => r.serviceId),
    unitOffers: (unitId: number, serviceId: number) => offers.get({ unitId, serviceId }) !== undefined,
    /** The active service fields a unit offers, for the citizen's picker, in Vietnamese order of the name. */
    servicesOfUnit: (unitId: number) => unitOptions.all({ unitId }),
    /** Replaces a unit's offered services, in the caller's transaction. */
    setOfferedServices: (unitId: number, serviceIds: number[]) => {
      unoffer.run({ unitId });
      for (const serviceId of serviceIds) offer.run({ unitId, serviceId });
    },
    /** Bulk import, in the caller's transaction: creates new codes, renames known ones. */
    importServices: (rows: (ServiceInput & { existingId: number | null })[]) => {
      for (const r of rows) {
        if (r.existingId) updateService.run({ id: r.existingId, nameVi: r.nameVi, nameEn: r.nameEn });
        else insertService.run({ code: r.code, nameVi: r.nameVi, nameEn: r.nameEn });
      }
    },
  };
}
export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
