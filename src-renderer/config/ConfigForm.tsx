/**
 * The one form renderer (issue 16): draws a case type's forms from its configuration — sections, fields
 * of every type, conditional visibility, repeatable groups — in the window's language. It holds no rules
 * of its own: what is shown and what is wrong come from src-shared/config (conditionHolds, valueProblems),
 * the same code the core runs before it saves. The case screen and the editor's live preview both use it.
 */
import { useId } from 'react';
import { conditionHolds, isGroup, type ConfigDefinition, type FieldDef, type GroupItem, type ValueProblem, type Values } from '../../src-shared/config';
import { DateField } from '../app/ui';
import { configWords, fill, inLang, type Lang } from './words';

export interface ConfigFormProps {
  definition: ConfigDefinition;
  values: Values;
  onChange: (values: Values) => void;
  lang: Lang;
  persons?: Array<{ id: string; name: string }>;
  /** Problems to show next to their fields (null: not yet, e.g. before a first save). */
  problems?: ValueProblem[] | null;
  disabled?: boolean;
}

export function ConfigForm(props: ConfigFormProps) {
  const { definition, values, lang } = props;
  const fields = new Map(definition.fields.map((f) => [f.key, f]));
  const problemAt = (path: string) => props.problems?.find((p) => p.path === path)?.message[lang];
  return (
    <div className="config-form">
      {definition.forms.map((form) => (
        <fieldset key={form.key} className="config-form-form" aria-label={inLang(form.label, lang)}>
          {definition.forms.length > 1 && <legend>{inLang(form.label, lang)}</legend>}
          {form.sections
            .filter((s) => conditionHolds(s.visibleWhen, values))
            .map((section) => (
              <fieldset key={section.key} className="config-form-section">
                <legend>{inLang(section.title, lang)}</legend>
                {section.items
                  .filter((item) => conditionHolds(item.visibleWhen, values))
                  .map((item) =>
                    isGroup(item) ? (
                      <Group key={item.group} item={item} fields={fields} {...props} problemAt={problemAt} />
                    ) : fields.has(item.field) ? (
                      <Field
                        key={item.field}
                        field={fields.get(item.field)!}
                        value={values[item.field]}
                        onChange={(v) => props.onChange({ ...values, [item.field]: v })}
                        lang={lang}
                        persons={props.persons}
                        problem={problemAt(item.field)}
                        disabled={props.disabled}
                      />
                    ) : null,
                  )}
              </fieldset>
            ))}
        </fieldset>
      ))}
    </div>
  );
}

function Group(props: ConfigFormProps & { item: GroupItem; fields: Map<string, FieldDef>; problemAt: (p: string) => string | undefined }) {
  const { item, values, lang } = props;
  const w = configWords(lang);
  const rows = (Array.isArray(values[item.group]) ? values[item.group] : []) as Values[];
  const set = (next: Values[]) => props.onChange({ ...values, [item.group]: next });
  const label = inLang(item.label, lang);
  return (
    <fieldset className="config-form-group" aria-label={label}>
      <legend>{label}</legend>
      {props.problemAt(item.group) && (
        <span className="field-error" role="alert">
          {props.problemAt(item.group)}
        </span>
      )}
      {rows.map((row, i) => (
        <div key={i} className="config-form-row" role="group" aria-label={`${label}: ${fill(w.row, { n: i + 1 })}`}>
          {item.fields.map((k) =>
            props.fields.has(k) ? (
              <Field
                key={k}
                field={props.fields.get(k)!}
                value={row[k]}
                onChange={(v) => set(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)))}
                lang={lang}
                persons={props.persons}
                problem={props.problemAt(`${item.group}.${i}.${k}`)}
                disabled={props.disabled}
              />
            ) : null,
          )}
          <button type="button" disabled={props.disabled} onClick={() => set(rows.filter((_, j) => j !== i))}>
            {w.removeRow}
          </button>
        </div>
      ))}
      {(item.maxRows === undefined || rows.length < item.maxRows) && (
        <button type="button" disabled={props.disabled} onClick={() => set([...rows, {}])}>
          {w.addRow}: {label}
        </button>
      )}
    </fieldset>
  );
}

function Field(props: {
  field: FieldDef;
  value: unknown;
  onChange: (v: unknown) => void;
  lang: Lang;
  persons?: Array<{ id: string; name: string }>;
  problem?: string;
  disabled?: boolean;
}) {
  const { field: f, value, lang, problem } = props;
  const w = configWords(lang);
  const id = useId();
  const label = inLang(f.label, lang);
  const help = f.help ? (lang === 'fr' ? f.help.fr || f.help.en : f.help.en || f.help.fr) : undefined;
  const describedBy = [help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': f.required || undefined,
    disabled: props.disabled,
  };
  const str = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  let control: React.ReactNode;
  switch (f.type) {
    case 'text':
      control = <input {...common} type="text" value={str} onChange={(e) => props.onChange(e.target.value)} />;
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          value={str}
          min={f.min}
          max={f.max}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
      break;
    case 'money':
      // Text, not a number input: an amount stays the decimal the person typed, never a float.
      control = (
        <span className="money-input">
          <input {...common} type="text" inputMode="decimal" value={str} onChange={(e) => props.onChange(e.target.value.trim())} />{' '}
          <span className="muted">{f.currency ?? 'CAD'}</span>
        </span>
      );
      break;
    case 'date':
      return (
        <div className="config-field">
          <DateField label={label} value={str} onChange={(v) => props.onChange(v || undefined)} required={f.required} error={problem} />
          {help && (
            <small id={`${id}-help`} className="muted">
              {help}
            </small>
          )}
        </div>
      );
    case 'select':
    case 'person': {
      const options =
        f.type === 'select'
          ? (f.options ?? []).map((o) => ({ value: o.value, label: inLang(o.label, lang) }))
          : (props.persons ?? []).map((p) => ({ value: p.id, label: p.name }));
      control = (
        <select {...common} value={str} onChange={(e) => props.onChange(e.target.value || undefined)}>
          <option value="">{w.choose}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'boolean':
      control = (
        <select
          {...common}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}
        >
          <option value="">{w.choose}</option>
          <option value="yes">{w.yes}</option>
          <option value="no">{w.no}</option>
        </select>
      );
      break;
    case 'multi_select': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="config-field" aria-describedby={describedBy} aria-invalid={problem ? true : undefined}>
          <legend>
            {label}
            {f.required && <span aria-hidden="true"> *</span>}
          </legend>
          {(f.options ?? []).map((o) => (
            <label key={o.value} className="check">
              <input
                type="checkbox"
                disabled={props.disabled}
                checked={chosen.includes(o.value)}
                onChange={(e) => props.onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))}
              />{' '}
              {inLang(o.label, lang)}
            </label>
          ))}
          {help && (
            <small id={`${id}-help`} className="muted">
              {help}
            </small>
          )}
          {problem && (
            <span id={`${id}-error`} className="field-error" role="alert">
              {problem}
            </span>
          )}
        </fieldset>
      );
    }
  }
  return (
    <div className="config-field">
      {/* The mark sits outside the label so the control's name is the label alone (aria-required says it). */}
      <label htmlFor={id}>{label}</label>
      {f.required && <span aria-hidden="true"> *</span>}
      {control}
      {help && (
        <small id={`${id}-help`} className="muted">
          {help}
        </small>
      )}
      {problem && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
