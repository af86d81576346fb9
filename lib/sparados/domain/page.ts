export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  totalElements: number;
  totalPages: number;
}

export function toPage<W, T>(wire: { content: W[]; page: number; size: number; totalElements: number; totalPages: number }, map: (item: W) => T): Page<T> {
  return {
    items: wire.content.map(map),
    page: wire.page,
    size: wire.size,
    totalElements: wire.totalElements,
    totalPages: wire.totalPages,
  };
}
