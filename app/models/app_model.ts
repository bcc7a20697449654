import { randomUUID } from 'node:crypto'
import { BaseModel, beforeCreate } from '@adonisjs/lucid/orm'

/**
 * Base for Parley's models: UUID primary keys assigned by the application,
 * so ids are known before the insert and never reveal row counts.
 */
export class AppModel extends BaseModel {
  static selfAssignPrimaryKey = true

  declare id: string

  @beforeCreate()
  static assignId(model: AppModel) {
    if (!model.id) model.id = randomUUID()
  }
}
