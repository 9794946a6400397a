import { useEffect, useMemo, useState } from 'react';
import { api, unwrap, type Catalogue, type QueueFilter, type SavedFilter } from '../api/client';
import { SEVERITY_LABELS } from '../format';
import { SOURCE_LABELS } from './TaskTable';

function listOf(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** The queue page's filter bar: category, severity, source, languages, tenants, and saved filters. */
export function QueueFilters({
  queueId,
  catalogue,
  filter,
  onChange: setFilter,
}: {
  queueId: string;
  catalogue: Catalogue;
  filter: QueueFilter;
  onChange: (filter: QueueFilter) => void;
}) {
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  useEffect(() => {
    void api
      .GET('/review/saved-filters')
      .then((r) => setSaved(unwrap(r).filters.filter((f) => f.queue_id === queueId)));
  }, [queueId]);

  const saveFilter = async () => {
    const name = window.prompt('Name of this filter');
    if (!name) return;
    const created = unwrap(
      await api.POST('/review/saved-filters', { body: { queue_id: queueId, name, filter } }),
    );
    setSaved((list) => [...list.filter((f) => f.name !== created.name), created]);
  };

  const categories = useMemo(() => catalogue.categories.map((c) => c.id), [catalogue]);

  return (
    <form className="filters" aria-label="Filter tasks" onSubmit={(e) => e.preventDefault()}>
      <label>
        Category
        <select
          value={filter.categories?.[0] ?? ''}
          onChange={(e) =>
            setFilter({
              ...filter,
              categories: e.target.value ? [e.target.value as (typeof categories)[number]] : undefined,
            })
          }
        >
          <option value="">any</option>
          {categories.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Min. severity
        <select
          value={filter.min_severity ?? ''}
          onChange={(e) =>
            setFilter({
              ...filter,
              min_severity: e.target.value === '' ? undefined : Number(e.target.value),
            })
          }
        >
          <option value="">any</option>
          {SEVERITY_LABELS.slice(1).map((label, i) => (
            <option key={label} value={i + 1}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Source
        <select
          value={filter.sources?.[0] ?? ''}
          onChange={(e) =>
            setFilter({
              ...filter,
              sources: e.target.value ? [e.target.value as keyof typeof SOURCE_LABELS] : undefined,
            })
          }
        >
          <option value="">any</option>
          {catalogue.sources.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Languages
        <input
          placeholder="de, fr"
          size={8}
          defaultValue={filter.languages?.join(', ')}
          onBlur={(e) => setFilter({ ...filter, languages: listOf(e.target.value) })}
        />
      </label>
      <label>
        Tenants
        <input
          placeholder="acme"
          size={10}
          defaultValue={filter.tenants?.join(', ')}
          onBlur={(e) => setFilter({ ...filter, tenants: listOf(e.target.value) })}
        />
      </label>
      <label>
        Saved
        <select
          value=""
          onChange={(e) => {
            const picked = saved.find((f) => f.filter_id === e.target.value);
            if (picked) setFilter(picked.filter);
          }}
        >
          <option value="">{saved.length ? 'apply…' : 'none'}</option>
          {saved.map((f) => (
            <option key={f.filter_id} value={f.filter_id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void saveFilter()}>
        Save filter
      </button>
      <button type="button" className="link" onClick={() => setFilter({})}>
        Clear
      </button>
    </form>
  );
}
